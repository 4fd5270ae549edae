// The SIMD build's normalisation of pairs of rows (./responsibilities.ts): with the rows' cells
// side by side across a vector's lanes, every step of a row (maximum, shift, sum, reciprocal,
// scaling) is one vector operation over its components, with no reduction across lanes, no odd
// last cell and no branch, where a row alone takes k/2 vectors, a horizontal step and a tail at
// each of them. The rows are copied into a transposed buffer and back; each row's operations stay
// those of the row-wise code, in its order (the sums over even and odd components apart, then
// together, then the odd last), so the bits are the scalar build's.
import { expInPlace } from './exp';

/** Rows a call at most: normalizeLogProb's batch, which this buffer is sized for. */
export const PAIRED_ROWS: i32 = 128;
/** Components at most for the transposed buffer (128 rows × 32 components, 32 KiB). */
export const PAIRED_COMPONENTS: i32 = 32;
const PAIRED: usize = memory.data(PAIRED_ROWS * PAIRED_COMPONENTS * 8, 16);

/**
 * Normalises the first rows − rows % 2 of `rows` rows (k ≤ PAIRED_COMPONENTS, rows ≤ PAIRED_ROWS)
 * in place, as normalizeLogProb's row-wise loop does: each row's maximum into norms, its sum of
 * exponentials into sums, its cells divided by that sum. Returns the rows done.
 *
 * cells  rows×k  log π_c + log N(xᵢ | c), row-major (read, then the responsibilities written)
 * norms  rows    written: each row's maximum (±∞ for a row without a finite maximum)
 * sums   rows    written: each row's Σ_c exp(v_c − max)
 */
export function normalizePairs(cells: usize, norms: usize, sums: usize, rows: i32, k: i32): i32 {
  const pairs = rows & ~1;
  // Component c of row i at PAIRED + (c·pairs + i)·8: each component's cells of all rows in a run.
  const stride = <usize>pairs << 3;
  const rowBytes = <usize>k << 3;
  for (let i = 0; i < pairs; i += 2) {
    const first = cells + <usize>i * rowBytes;
    const second = first + rowBytes;
    const column = PAIRED + (<usize>i << 3);
    // Transposed in, the running maximum on the way (pmax: a < b ? b : a, as rowMax compares).
    let max = f64x2.splat(-Infinity);
    for (let c = 0; c < k; c++) {
      const offset = <usize>c << 3;
      const pair = v128.load64_lane(second + offset, v128.load64_splat(first + offset), 1);
      v128.store(column + <usize>c * stride, pair);
      max = f64x2.pmax(max, pair);
    }
    // A row whose maximum is ±∞ becomes a row of zeros, as shiftRow makes it: uniform responsibilities.
    const flat = f64x2.eq(f64x2.abs(max), f64x2.splat(Infinity));
    for (let c = 0; c < k; c++) {
      const cell = column + <usize>c * stride;
      v128.store(cell, v128.andnot(f64x2.sub(v128.load(cell), max), flat));
    }
    v128.store(norms + (<usize>i << 3), max);
  }
  expInPlace(PAIRED, pairs * k);
  for (let i = 0; i < pairs; i += 2) {
    const column = PAIRED + (<usize>i << 3);
    let even = f64x2.splat(0.0);
    let odd = f64x2.splat(0.0);
    let c = 0;
    for (; c + 1 < k; c += 2) {
      even = f64x2.add(even, v128.load(column + <usize>c * stride));
      odd = f64x2.add(odd, v128.load(column + <usize>(c + 1) * stride));
    }
    let sum = f64x2.add(even, odd);
    if (c < k) sum = f64x2.add(sum, v128.load(column + <usize>c * stride));
    const inverse = f64x2.div(f64x2.splat(1.0), sum);
    v128.store(sums + (<usize>i << 3), sum);
    // Scaled and transposed back out.
    const first = cells + <usize>i * rowBytes;
    const second = first + rowBytes;
    for (c = 0; c < k; c++) {
      const offset = <usize>c << 3;
      const value = f64x2.mul(v128.load(column + <usize>c * stride), inverse);
      v128.store64_lane(first + offset, value, 0);
      v128.store64_lane(second + offset, value, 1);
    }
  }
  return pairs;
}
