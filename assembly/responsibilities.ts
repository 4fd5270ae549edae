// The E-step's second half: normalise each row of weighted log-densities into responsibilities.

import { expInPlace, logInPlace } from './exp';
import { normalizePairs, PAIRED_COMPONENTS, PAIRED_ROWS } from './responsibilities-pairs';

/**
 * Row-wise max-shifted log-sum-exp, in place.
 *
 * logProbPtr n×k  in: log π_c + log N(xᵢ | c); out: responsibilities γᵢ_c = exp(v_c − mᵢ) / sᵢ
 * logNormPtr n    written: logNormᵢ = mᵢ + log sᵢ = log p(xᵢ), with mᵢ the row maximum and
 *                 sᵢ = Σ_c exp(v_c − mᵢ)
 *
 * Returns Σᵢ logNormᵢ. Shifting by the row maximum keeps every exp in [0, 1], so nothing overflows,
 * and the largest term is exactly 1, so the sum never underflows to zero. Rows go 128 at a time:
 * each row's maximum and shift, then one vector exp per cell over all of them, each row's sum and
 * scaling, then one vector log per pair of rows' sums, four pairs a pass (exp.ts states both
 * accuracies). The SIMD build, for k ≤ 32, takes each pair of rows across a vector's lanes
 * (./responsibilities-pairs.ts, 1.1–1.9× on this step); the odd last row, larger k and the scalar
 * build go one row at a time, the maximum, shift, sum and scaling over pairs of cells. Which values
 * share a vector never changes a bit (each row's operations keep one order, and the vector and
 * scalar exp and log agree). A row with no finite maximum (only possible when every weight is zero
 * or a density overflowed) gets uniform responsibilities rather than NaN, and logNorm ±∞.
 */
export function normalizeLogProb(logProbPtr: usize, logNormPtr: usize, n: i32, k: i32): f64 {
  let total = 0.0;
  for (let start = 0; start < n; start += ROWS_AT_ONCE) {
    const rows = min(ROWS_AT_ONCE, n - start);
    const cells = logProbPtr + ((<usize>start * k) << 3);
    const norms = logNormPtr + (<usize>start << 3);
    const rowBytes = <usize>k << 3;
    // The SIMD build takes pairs of rows across a vector's lanes (./responsibilities-pairs.ts);
    // the odd last row, and every row of the scalar build, one at a time here.
    const from = ASC_FEATURE_SIMD && k <= PAIRED_COMPONENTS ? normalizePairs(cells, norms, ROW_SUMS, rows, k) : 0;
    for (let i = from; i < rows; i++) {
      const row = cells + <usize>i * rowBytes;
      const max = rowMax(row, k);
      // A row of −∞ becomes a row of zeros: exp gives equal terms, hence uniform responsibilities.
      shiftRow(row, k, max > -Infinity ? max : Infinity);
      store<f64>(norms + (<usize>i << 3), max);
    }
    expInPlace(cells + <usize>from * rowBytes, (rows - from) * k);
    for (let i = from; i < rows; i++) store<f64>(ROW_SUMS + (<usize>i << 3), scaleRow(cells, i, k));
    // The sums' logarithms together (logVector and logScalar agree, so how they pair changes nothing).
    logInPlace(ROW_SUMS, rows);
    for (let i = 0; i < rows; i++) {
      const cell = norms + (<usize>i << 3);
      const logNorm = load<f64>(cell) + load<f64>(ROW_SUMS + (<usize>i << 3));
      store<f64>(cell, logNorm);
      total += logNorm;
    }
  }
  return total;
}

/**
 * Rows whose sums wait in ROW_SUMS for their logarithms, taken together by logInPlace: as many as
 * normalizePairs' buffer holds.
 */
const ROWS_AT_ONCE: i32 = PAIRED_ROWS;
const ROW_SUMS: usize = memory.data(ROWS_AT_ONCE << 3, 16);

/**
 * The largest of a row's k values (−∞ for none): a running maximum per lane over pairs of cells
 * (f64x2.pmax, or its definition a < b ? b : a on two doubles without SIMD), the two lanes' larger,
 * then the odd last cell: the same comparisons in both builds.
 */
@inline
function rowMax(row: usize, k: i32): f64 {
  let c = 0;
  let even = -Infinity;
  let odd = -Infinity;
  if (ASC_FEATURE_SIMD) {
    let pair = f64x2.splat(-Infinity);
    for (; c + 1 < k; c += 2) pair = f64x2.pmax(pair, v128.load(row + (<usize>c << 3)));
    even = f64x2.extract_lane(pair, 0);
    odd = f64x2.extract_lane(pair, 1);
  } else {
    for (; c + 1 < k; c += 2) {
      const a = load<f64>(row + (<usize>c << 3));
      const b = load<f64>(row + (<usize>c << 3), 8);
      even = even < a ? a : even;
      odd = odd < b ? b : odd;
    }
  }
  let max = even > odd ? even : odd;
  for (; c < k; c++) {
    const value = load<f64>(row + (<usize>c << 3));
    if (value > max) max = value;
  }
  return max;
}

/**
 * Subtracts `max` from every value of a row, so the largest becomes 0; `max` = +∞ marks a row of
 * −∞, which becomes a row of zeros.
 */
@inline
function shiftRow(row: usize, k: i32, max: f64): void {
  if (max === Infinity) {
    memory.fill(row, 0, <usize>k << 3);
    return;
  }
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const shift = f64x2.splat(max);
    for (; c + 1 < k; c += 2) {
      const cell = row + (<usize>c << 3);
      v128.store(cell, f64x2.sub(v128.load(cell), shift));
    }
  }
  for (; c < k; c++) {
    const cell = row + (<usize>c << 3);
    store<f64>(cell, load<f64>(cell) - max);
  }
}

/** Divides row i's exponentials by their sum (as a multiplication by its inverse); returns the sum. */
@inline
function scaleRow(logProbPtr: usize, i: i32, k: i32): f64 {
  const row = logProbPtr + ((<usize>i * k) << 3);
  // A sum per lane over pairs of cells, the two lanes added, then the odd last cell: one order in
  // both builds.
  let c = 0;
  let even = 0.0;
  let odd = 0.0;
  if (ASC_FEATURE_SIMD) {
    let pair = f64x2.splat(0.0);
    for (; c + 1 < k; c += 2) pair = f64x2.add(pair, v128.load(row + (<usize>c << 3)));
    even = f64x2.extract_lane(pair, 0);
    odd = f64x2.extract_lane(pair, 1);
  } else {
    for (; c + 1 < k; c += 2) {
      even += load<f64>(row + (<usize>c << 3));
      odd += load<f64>(row + (<usize>c << 3), 8);
    }
  }
  let sum = even + odd;
  for (; c < k; c++) sum += load<f64>(row + (<usize>c << 3));
  const inverse = 1.0 / sum;
  c = 0;
  if (ASC_FEATURE_SIMD) {
    const scale = f64x2.splat(inverse);
    for (; c + 1 < k; c += 2) {
      const cell = row + (<usize>c << 3);
      v128.store(cell, f64x2.mul(v128.load(cell), scale));
    }
  }
  for (; c < k; c++) {
    const cell = row + (<usize>c << 3);
    store<f64>(cell, load<f64>(cell) * inverse);
  }
  return sum;
}

/**
 * Sample weights, in place: responsibilities γᵢ_c become wᵢ·γᵢ_c, so the statistics kernels sum
 * weighted rows. Returns Σᵢ wᵢ·logNormᵢ, the weighted log-likelihood.
 *
 * respPtr    n×k  responsibilities (rescaled)
 * logNormPtr n    log p(xᵢ) from normalizeLogProb (read)
 * weightsPtr n    wᵢ ≥ 0 (read)
 */
export function weightResponsibilities(respPtr: usize, logNormPtr: usize, weightsPtr: usize, n: i32, k: i32): f64 {
  let total = 0.0;
  const rowBytes = <usize>k << 3;
  for (let i = 0; i < n; i++) {
    const w = load<f64>(weightsPtr + (<usize>i << 3));
    const row = respPtr + <usize>i * rowBytes;
    for (let c = 0; c < k; c++) {
      const cell = row + (<usize>c << 3);
      store<f64>(cell, w * load<f64>(cell));
    }
    // A row of weight zero counts for nothing, even where its log-density is −∞.
    if (w > 0.0) total += w * load<f64>(logNormPtr + (<usize>i << 3));
  }
  return total;
}
