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
    for (let j = col; j < d; j++) store<f64>(entry(m, row + j), load<f64>(entry(m, row + j)) / p);
    for (let j = 0; j < d; j++) {
      const value = load<f64>(entry(out, row + j));
      if (value != 0.0) store<f64>(entry(out, row + j), value / p);
    }
    for (let r = 0; r < d; r++) {
      const f = load<f64>(entry(m, r * d + col));
      if (r == col || f == 0.0) continue;
      const other = r * d;
      // Columns before `col` are zero in both rows, and column `col` becomes zero: never read again.
      for (let j = col + 1; j < d; j++)
        store<f64>(entry(m, other + j), load<f64>(entry(m, other + j)) - f * load<f64>(entry(m, row + j)));
      for (let j = 0; j < d; j++) {
        const value = load<f64>(entry(out, row + j));
        if (value != 0.0) store<f64>(entry(out, other + j), load<f64>(entry(out, other + j)) - f * value);
      }
    }
  }
  return true;
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
      for (let j = 0; j < d; j++) {
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
