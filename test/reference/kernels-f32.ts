/**
 * Plain TypeScript twins of the f32 kernels (assembly/f32/), with single-precision arithmetic
 * emulated by Math.fround: a sum, difference or product of two floats computed in double and
 * rounded once to float is the correctly rounded float result, so these twins give the kernels'
 * log-densities bit for bit, in every SIMD lane and in the tail alike. The statistics twin forms
 * each row's products as the kernels do (in f32) but sums them in f64 row by row, where the kernels
 * first sum 64 rows a lane in f32: the two agree to float rounding, not to the bit, except nk,
 * which both sum in f64 panel by panel.
 */
import type { DiagStatistics } from './kernels-diagonal';

const f = Math.fround;
/** The kernels' ln 2π (assembly/density.ts), and their order of additions for the offset. */
const LOG_2PI = 1.8378770664093453;
/** Rows of a panel and of a block, as assembly/f32/scratch.ts. */
const PANEL_ROWS = 256;
const BLOCK32 = 16;

/** The covariance families of the kernels: one factor per component, one shared, k×d or k precisions. */
export type FamilyF32 = 'full' | 'tied' | 'diag' | 'spherical';

/** Every value rounded to the nearest float, as the kernels round means, factors, precisions and rows. */
export function toF32(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values, (v) => f(v));
}

/**
 * The f32 kernels' log-densities: out[i·K + c] = (−½·D·ln 2π + logDet + log π_c) − ½·q in f64, with
 * q the quadratic form of xᵢ − μ_c in f32 (full and tied: ‖Uᵀe‖² with U's columns summed in row
 * order; diag and spherical: Σⱼ p_j·(e_j·e_j)), every parameter rounded to f32 first.
 * @param x - N×D values, each a float. @param precisions - as the f64 kernels of the family take them.
 */
export function logDensityF32(
  family: FamilyF32,
  x: ArrayLike<number>,
  means: Float64Array,
  precisions: Float64Array,
  logDet: Float64Array,
  logWeights: Float64Array,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const out = new Float64Array(n * k);
  const constant = -0.5 * d * LOG_2PI;
  const e = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const shared = family === 'tied' ? 0 : c;
    const offset = constant + (logDet[shared] as number) + (logWeights[c] as number);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) e[j] = f((x[i * d + j] as number) - f(means[c * d + j] as number));
      let q = 0;
      if (family === 'full' || family === 'tied') {
        const u = shared * d * d;
        for (let j = 0; j < d; j++) {
          let y = 0;
          for (let t = 0; t <= j; t++)
            y = f(y + f(f(precisions[u + t * d + j] as number) * (e[t] as number)));
          q = f(q + f(y * y));
        }
      } else {
        for (let j = 0; j < d; j++) {
          const p = f(precisions[family === 'diag' ? c * d + j : c] as number);
          q = f(q + f(p * f((e[j] as number) * (e[j] as number))));
        }
      }
      out[i * k + c] = offset - 0.5 * q;
    }
  }
  return out;
}

/**
 * The f32 kernels' statistics about `centers`: each row's weight γ (rounded to f32), centred values
 * e = x − f32(center), products γ·e and (γ·e)·e_l formed in f32, summed in f64; nk in f64 as the
 * kernels sum it (each panel's rows, then the tail's). `scatter` is K×D×D upper triangle (full) or
 * K×D squares (diag); `magnitude` holds Σ|term| of each sum, the scale its rounding is relative to.
 */
export function accumulateF32(
  triangular: boolean,
  x: ArrayLike<number>,
  resp: Float64Array,
  centers: Float64Array,
  n: number,
  d: number,
  k: number,
): DiagStatistics & { readonly magnitude: { first: Float64Array; scatter: Float64Array } } {
  const nk = new Float64Array(k);
  const first = new Float64Array(k * d);
  const size = triangular ? d * d : d;
  const scatter = new Float64Array(k * size);
  const magnitude = { first: new Float64Array(k * d), scatter: new Float64Array(k * size) };
  const e = new Float64Array(d);
  const blockEnd = n - (n % BLOCK32);
  for (let c = 0; c < k; c++) {
    const runs: [number, number][] = [];
    for (let start = 0; start < blockEnd; start += PANEL_ROWS)
      runs.push([start, Math.min(start + PANEL_ROWS, blockEnd)]);
    runs.push([blockEnd, n]);
    for (const [start, end] of runs) {
      let weight = 0;
      for (let i = start; i < end; i++) weight += resp[i * k + c] as number;
      nk[c] = (nk[c] as number) + weight;
    }
    for (let i = 0; i < n; i++) {
      const w = f(resp[i * k + c] as number);
      for (let j = 0; j < d; j++) e[j] = f((x[i * d + j] as number) - f(centers[c * d + j] as number));
      for (let j = 0; j < d; j++) {
        const we = f(w * (e[j] as number));
        first[c * d + j] = (first[c * d + j] as number) + we;
        magnitude.first[c * d + j] = (magnitude.first[c * d + j] as number) + Math.abs(we);
        for (let l = j; l < (triangular ? d : j + 1); l++) {
          const cell = c * size + (triangular ? j * d + l : j);
          const product = f(we * (e[l] as number));
          scatter[cell] = (scatter[cell] as number) + product;
          magnitude.scatter[cell] = (magnitude.scatter[cell] as number) + Math.abs(product);
        }
      }
    }
  }
  return { nk, first, squares: scatter, magnitude };
}
