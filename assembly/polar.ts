// The orthogonal factor of a polar decomposition, for the equal-orientation M-step's MM loop
// (./orientation.ts), operation for operation as `polarFactorInto` and `inverseInto` in
// src/covariance/matrix.ts compute it: Newton's iteration X ← (γX + X⁻ᵀ/γ)/2 with Higham's scaling
// γ, each X⁻¹ by Gauss–Jordan elimination with partial pivoting. All matrices d×d, row-major.

/** Newton iterations for the polar factor at most (quadratic convergence: ~10 in practice). */
const POLAR_ITERATIONS = 100;
const EPSILON: f64 = 2.220446049250313e-16;

@inline
function entry(m: usize, i: i32): usize {
  return m + (<usize>i << 3);
}

/**
 * A⁻¹ into `out`, eliminating in `m` (a's copy): false when a pivot is 0 or not finite. Work on
 * entries known to be zero is left out (columns of `m` already eliminated, zeros of the pivot row of
 * `out`): subtracting f·0 changes no value, so the result is that of the full elimination.
 */
function invertInto(a: usize, out: usize, m: usize, d: i32): bool {
  const size = d * d;
  memory.copy(m, a, <usize>size << 3);
  memory.fill(out, 0, <usize>size << 3);
  for (let j = 0; j < d; j++) store<f64>(entry(out, j * d + j), 1.0);
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++)
      if (Math.abs(load<f64>(entry(m, r * d + col))) > Math.abs(load<f64>(entry(m, pivot * d + col)))) pivot = r;
    const p = load<f64>(entry(m, pivot * d + col));
    if (!(Math.abs(p) > 0.0) || !isFinite(p)) return false;
    if (pivot != col) {
      swapRows(m, d, pivot, col);
      swapRows(out, d, pivot, col);
    }
    const row = col * d;
    scaleRow(m, row, col, d, p);
    scaleNonzero(out, row, d, p);
    for (let r = 0; r < d; r++) {
      const f = load<f64>(entry(m, r * d + col));
      if (r == col || f == 0.0) continue;
      const other = r * d;
      // Columns before `col` are zero in both rows, and column `col` becomes zero: never read again.
      subtractRow(m, other, row, col + 1, d, f);
      subtractNonzero(out, other, row, d, f);
    }
  }
  return true;
}

// The row operations of the elimination, two entries a vector in the SIMD build: each entry's
// operation is the scalar one (an f64x2 operation is two IEEE operations), and where the scalar
// code skips an entry (a zero of the pivot row of the inverse), the vector keeps its old value.

/** m[row + j] /= p for j = from…d−1. */
@inline
function scaleRow(m: usize, row: i32, from: i32, d: i32, p: f64): void {
  let j = from;
  if (ASC_FEATURE_SIMD) {
    const pivot = f64x2.splat(p);
    for (; j + 1 < d; j += 2) v128.store(entry(m, row + j), f64x2.div(v128.load(entry(m, row + j)), pivot));
  }
  for (; j < d; j++) store<f64>(entry(m, row + j), load<f64>(entry(m, row + j)) / p);
}

/** out[row + j] /= p for the j < d where it is not 0. */
@inline
function scaleNonzero(out: usize, row: i32, d: i32, p: f64): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const pivot = f64x2.splat(p);
    for (; j + 1 < d; j += 2) {
      const value = v128.load(entry(out, row + j));
      v128.store(entry(out, row + j), v128.bitselect(f64x2.div(value, pivot), value, f64x2.ne(value, f64x2.splat(0.0))));
    }
  }
  for (; j < d; j++) {
    const value = load<f64>(entry(out, row + j));
    if (value != 0.0) store<f64>(entry(out, row + j), value / p);
  }
}

/** m[other + j] −= f·m[row + j] for j = from…d−1. */
@inline
function subtractRow(m: usize, other: i32, row: i32, from: i32, d: i32, f: f64): void {
  let j = from;
  if (ASC_FEATURE_SIMD) {
    const factor = f64x2.splat(f);
    for (; j + 1 < d; j += 2) {
      const cell = entry(m, other + j);
      v128.store(cell, f64x2.sub(v128.load(cell), f64x2.mul(factor, v128.load(entry(m, row + j)))));
    }
  }
  for (; j < d; j++)
    store<f64>(entry(m, other + j), load<f64>(entry(m, other + j)) - f * load<f64>(entry(m, row + j)));
}

/** out[other + j] −= f·out[row + j] for the j < d where out[row + j] is not 0. */
@inline
function subtractNonzero(out: usize, other: i32, row: i32, d: i32, f: f64): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const factor = f64x2.splat(f);
    for (; j + 1 < d; j += 2) {
      const value = v128.load(entry(out, row + j));
      const cell = entry(out, other + j);
      const before = v128.load(cell);
      const after = f64x2.sub(before, f64x2.mul(factor, value));
      v128.store(cell, v128.bitselect(after, before, f64x2.ne(value, f64x2.splat(0.0))));
    }
  }
  for (; j < d; j++) {
    const value = load<f64>(entry(out, row + j));
    if (value != 0.0) store<f64>(entry(out, other + j), load<f64>(entry(out, other + j)) - f * value);
  }
}

function swapRows(m: usize, d: i32, a: i32, b: i32): void {
  for (let j = 0; j < d; j++) {
    const t = load<f64>(entry(m, a * d + j));
    store<f64>(entry(m, a * d + j), load<f64>(entry(m, b * d + j)));
    store<f64>(entry(m, b * d + j), t);
  }
}

function frobenius(a: usize, size: i32): f64 {
  let sum = 0.0;
  for (let i = 0; i < size; i++) {
    const value = load<f64>(entry(a, i));
    sum += value * value;
  }
  return Math.sqrt(sum);
}

/**
 * The orthogonal factor U of F = U·H (H symmetric positive semi-definite) into `out` (not `f`),
 * working in `scratch` (4·d·d doubles): the factor mclust takes from LAPACK's SVD, F = P·B·Rᵀ and
 * U = P·Rᵀ. False, leaving `out` unspecified, when F is singular to working precision.
 */
export function polarFactor(f: usize, out: usize, scratch: usize, d: i32): bool {
  const size = d * d;
  const bytes = <usize>size << 3;
  let x = scratch;
  let next = scratch + bytes;
  const inv = scratch + 2 * bytes;
  const m = scratch + 3 * bytes;
  memory.copy(x, f, bytes);
  let scaled = true;
  for (let iteration = 0; iteration < POLAR_ITERATIONS; iteration++) {
    if (!invertInto(x, inv, m, d)) return false;
    const gamma = scaled ? Math.sqrt(frobenius(inv, size) / frobenius(x, size)) : 1.0;
    let change = 0.0;
    for (let i = 0; i < d; i++) {
      let j = 0;
      if (ASC_FEATURE_SIMD) {
        // Entries (i, j) and (i, j + 1); the largest change is the same in any order.
        const g = f64x2.splat(gamma);
        let largest = f64x2.splat(0.0);
        for (; j + 1 < d; j += 2) {
          const current = v128.load(entry(x, i * d + j));
          const inverse = f64x2.replace_lane(v128.load64_splat(entry(inv, j * d + i)), 1, load<f64>(entry(inv, (j + 1) * d + i)));
          const value = f64x2.mul(f64x2.splat(0.5), f64x2.add(f64x2.mul(g, current), f64x2.div(inverse, g)));
          largest = f64x2.max(largest, f64x2.abs(f64x2.sub(value, current)));
          v128.store(entry(next, i * d + j), value);
        }
        change = Math.max(change, Math.max(f64x2.extract_lane(largest, 0), f64x2.extract_lane(largest, 1)));
      }
      for (; j < d; j++) {
        const current = load<f64>(entry(x, i * d + j));
        const value = 0.5 * (gamma * current + load<f64>(entry(inv, j * d + i)) / gamma);
        change = Math.max(change, Math.abs(value - current));
        store<f64>(entry(next, i * d + j), value);
      }
    }
    const swap = x;
    x = next;
    next = swap;
    if (change < 1e-3) scaled = false;
    if (change <= 4.0 * EPSILON) break;
  }
  memory.copy(out, x, bytes);
  return true;
}
