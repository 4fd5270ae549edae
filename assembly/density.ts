// Weighted Gaussian log-densities, the E-step's first half: log N(xᵢ | μ_c, Σ_c) + log π_c.
import { BLOCK, BLOCK_BYTES, centreBlock, PANEL_ROWS, storeBlockDensities, transposePanel } from './simd';

const LOG_2PI: f64 = 1.8378770664093453;

/**
 * out[i·k + c] = −½(d·ln 2π + ‖U_cᵀ(xᵢ − μ_c)‖²) + logDet[c] + logWeights[c], full covariance.
 *
 * xPtr          n×d  rows
 * meansPtr      k×d  μ
 * precCholPtr   k×d×d  U (upper triangular, U·Uᵀ = Σ⁻¹), from choleskyPrecisionFull
 * logDetPtr     k    Σᵢ log Uᵢᵢ
 * logWeightsPtr k    log π
 * outPtr        n×k  written
 * workPtr       136·d  scratch: a transposed panel of rows, then one centred block
 *
 * SIMD across blocks of 8 points: yⱼ = Σ_{t≤j} U_tj·e_t with U_tj splatted and e the centred,
 * transposed block; the remaining n % 8 points take the scalar tail.
 */
export function logDensityFull(
  xPtr: usize,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  logDensityTriangular(xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, n, d, k, true);
}

/**
 * Tied covariance: as logDensityFull, but every component shares one U (d×d) and one logDet (1).
 */
export function logDensityTied(
  xPtr: usize,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  logDensityTriangular(xPtr, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, n, d, k, false);
}

/** The triangular-factor density for full (one U per component) or tied (one U for all) covariance. */
@inline
function logDensityTriangular(
  xPtr: usize,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
  perComponent: bool,
): void {
  const blockEnd = ASC_FEATURE_SIMD ? n - (n % BLOCK) : 0;
  // The SIMD loop; a build without SIMD leaves every point to the scalar loop below.
  if (ASC_FEATURE_SIMD) {
    for (let first = 0; first < blockEnd; first += PANEL_ROWS) {
      const rows = min(PANEL_ROWS, blockEnd - first);
      transposePanel(workPtr, xPtr, first, rows, d);
      densityPanelTriangular(workPtr, first, rows, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, outPtr, d, k, perComponent);
    }
  }
  densityRowsTriangular(xPtr, blockEnd, n, meansPtr, precCholPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, d, k, perComponent);
}

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, SIMD
 * across blocks of 8; workPtr holds the panel (128·d), then room for one centred block (8·d).
 */
export function densityPanelTriangular(
  workPtr: usize,
  first: i32,
  rows: i32,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
  perComponent: bool,
): void {
  const rowBytes = <usize>d << 3;
  const panel = workPtr;
  const block = workPtr + <usize>PANEL_ROWS * rowBytes;
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const shared = perComponent ? <usize>c : 0;
    const u = precCholPtr + shared * d * rowBytes;
    const offset = constant + load<f64>(logDetPtr + (shared << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let b = 0; b < rows; b += BLOCK) {
      centreBlock(block, panel + <usize>(b / BLOCK) * d * BLOCK_BYTES, mean, d);
      let q0 = f64x2.splat(0.0);
      let q1 = f64x2.splat(0.0);
      let q2 = f64x2.splat(0.0);
      let q3 = f64x2.splat(0.0);
      // Columns j and j + 1 of U together: each centred feature loaded once feeds both sums. The
      // order of every addition is the scalar tail's, so lanes and tail agree bit for bit.
      let j = 0;
      for (; j + 1 < d; j += 2) {
        let y0 = f64x2.splat(0.0);
        let y1 = f64x2.splat(0.0);
        let y2 = f64x2.splat(0.0);
        let y3 = f64x2.splat(0.0);
        let z0 = f64x2.splat(0.0);
        let z1 = f64x2.splat(0.0);
        let z2 = f64x2.splat(0.0);
        let z3 = f64x2.splat(0.0);
        let entry = u + (<usize>j << 3);
        let e = block;
        for (let t = 0; t <= j; t++) {
          const utj = v128.load64_splat(entry);
          const utk = v128.load64_splat(entry, 8);
          const e0 = v128.load(e);
          const e1 = v128.load(e, 16);
          const e2 = v128.load(e, 32);
          const e3 = v128.load(e, 48);
          y0 = f64x2.add(y0, f64x2.mul(utj, e0));
          y1 = f64x2.add(y1, f64x2.mul(utj, e1));
          y2 = f64x2.add(y2, f64x2.mul(utj, e2));
          y3 = f64x2.add(y3, f64x2.mul(utj, e3));
          z0 = f64x2.add(z0, f64x2.mul(utk, e0));
          z1 = f64x2.add(z1, f64x2.mul(utk, e1));
          z2 = f64x2.add(z2, f64x2.mul(utk, e2));
          z3 = f64x2.add(z3, f64x2.mul(utk, e3));
          entry += rowBytes;
          e += BLOCK_BYTES;
        }
        const utk = v128.load64_splat(entry, 8);
        z0 = f64x2.add(z0, f64x2.mul(utk, v128.load(e)));
        z1 = f64x2.add(z1, f64x2.mul(utk, v128.load(e, 16)));
        z2 = f64x2.add(z2, f64x2.mul(utk, v128.load(e, 32)));
        z3 = f64x2.add(z3, f64x2.mul(utk, v128.load(e, 48)));
        q0 = f64x2.add(f64x2.add(q0, f64x2.mul(y0, y0)), f64x2.mul(z0, z0));
        q1 = f64x2.add(f64x2.add(q1, f64x2.mul(y1, y1)), f64x2.mul(z1, z1));
        q2 = f64x2.add(f64x2.add(q2, f64x2.mul(y2, y2)), f64x2.mul(z2, z2));
        q3 = f64x2.add(f64x2.add(q3, f64x2.mul(y3, y3)), f64x2.mul(z3, z3));
      }
      if (j < d) {
        // The last column of an odd d.
        let y0 = f64x2.splat(0.0);
        let y1 = f64x2.splat(0.0);
        let y2 = f64x2.splat(0.0);
        let y3 = f64x2.splat(0.0);
        let entry = u + (<usize>j << 3);
        let e = block;
        for (let t = 0; t <= j; t++) {
          const utj = v128.load64_splat(entry);
          y0 = f64x2.add(y0, f64x2.mul(utj, v128.load(e)));
          y1 = f64x2.add(y1, f64x2.mul(utj, v128.load(e, 16)));
          y2 = f64x2.add(y2, f64x2.mul(utj, v128.load(e, 32)));
          y3 = f64x2.add(y3, f64x2.mul(utj, v128.load(e, 48)));
          entry += rowBytes;
          e += BLOCK_BYTES;
        }
        q0 = f64x2.add(q0, f64x2.mul(y0, y0));
        q1 = f64x2.add(q1, f64x2.mul(y1, y1));
        q2 = f64x2.add(q2, f64x2.mul(y2, y2));
        q3 = f64x2.add(q3, f64x2.mul(y3, y3));
      }
      storeBlockDensities(outPtr + ((<usize>(first + b) * k + c) << 3), stride, offset, q0, q1, q2, q3);
    }
  }
}

/** The densities of rows from..n−1, one at a time: the scalar tail, and all rows without SIMD. */
export function densityRowsTriangular(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
  perComponent: bool,
): void {
  const rowBytes = <usize>d << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const shared = perComponent ? <usize>c : 0;
    const u = precCholPtr + shared * d * rowBytes;
    const offset = constant + load<f64>(logDetPtr + (shared << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let i = from; i < n; i++) {
      const row = xPtr + <usize>i * rowBytes;
      for (let t = 0; t < d; t++) {
        store<f64>(workPtr + (<usize>t << 3), load<f64>(row + (<usize>t << 3)) - load<f64>(mean + (<usize>t << 3)));
      }
      let q = 0.0;
      for (let j = 0; j < d; j++) {
        let y = 0.0;
        for (let t = 0; t <= j; t++) {
          y += load<f64>(u + ((<usize>t * d + j) << 3)) * load<f64>(workPtr + (<usize>t << 3));
        }
        q += y * y;
      }
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
