// The orthogonal factor of a polar decomposition, for the equal-orientation M-step's MM loop
// (./orientation.ts), which takes two of them an iteration: Newton's iteration X ← (γX + X⁻ᵀ/γ)/2
// with Higham's scaling γ, each X⁻¹ by Gauss–Jordan elimination in place with partial pivoting.
// Operation for operation as `polarFactor` in test/reference/orientation-equal.ts computes it. All
// matrices d×d, row-major. Rows are updated two entries a vector in the SIMD build: every entry's
// operation is the scalar one (an f64x2 operation is two IEEE operations), and the one reduction,
// the Frobenius norm, sums entries of even and odd index apart in both builds.

/** Newton iterations for the polar factor at most (quadratic convergence: ~6 in practice). */
const POLAR_ITERATIONS = 100;
/**
 * Unscaled Newton squares the distance of X's singular values from 1 (e ← e²/(2(1 + e))), and an
 * iteration's largest entry change bounds that distance to within a factor d. So once d·change is
 * ≤ 1e-8, the iterate just computed is within 5e-17 of the factor: another would only confirm it.
 */
const CONVERGED: f64 = 1e-8;
/** The change below which the scaling is dropped: near the factor γ ≈ 1 and only adds rounding. */
const UNSCALED: f64 = 1e-3;

@inline
function entry(m: usize, i: i32): usize {
  return m + (<usize>i << 3);
}

/**
 * A⁻¹ in place, by Gauss–Jordan elimination with partial pivoting, the row swaps kept in `pivots`
 * (d i32s) and undone on the columns at the end: false, leaving `a` unspecified, when a pivot is 0
 * or not finite.
 */
function invertInPlace(a: usize, pivots: usize, d: i32): bool {
  const rowBytes = <usize>d << 3;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    let largest = Math.abs(load<f64>(entry(a, col * d + col)));
    for (let r = col + 1; r < d; r++) {
      const value = Math.abs(load<f64>(entry(a, r * d + col)));
      if (value > largest) {
        largest = value;
        pivot = r;
      }
    }
    if (!(largest > 0.0) || !isFinite(largest)) return false;
    store<i32>(pivots + (<usize>col << 2), pivot);
    const row = a + <usize>col * rowBytes;
    if (pivot != col) swapRows(row, a + <usize>pivot * rowBytes, d);
    const reciprocal = 1.0 / load<f64>(entry(row, col));
    // The pivot's own column becomes the inverse's: 1 here, 0 in every other row before they subtract.
    store<f64>(entry(row, col), 1.0);
    scaleRow(row, d, reciprocal);
    // The other rows two at a time, so that each load of the pivot row serves both.
    let r = col == 0 ? 1 : 0;
    while (r < d) {
      let s = r + 1;
      if (s == col) s++;
      const other = a + <usize>r * rowBytes;
      const factor = load<f64>(entry(other, col));
      store<f64>(entry(other, col), 0.0);
      if (s < d) {
        const second = a + <usize>s * rowBytes;
        const secondFactor = load<f64>(entry(second, col));
        store<f64>(entry(second, col), 0.0);
        subtractRows(other, second, row, d, factor, secondFactor);
        r = s + 1;
      } else {
        subtractRow(other, row, d, factor);
        r = s;
      }
      if (r == col) r++;
    }
  }
  for (let col = d - 1; col >= 0; col--) {
    const pivot = load<i32>(pivots + (<usize>col << 2));
    if (pivot != col) swapColumns(a, d, pivot, col);
  }
  return true;
}

/** row[j] ·= factor for j < d. */
@inline
function scaleRow(row: usize, d: i32, factor: f64): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const scale = f64x2.splat(factor);
    for (; j + 1 < d; j += 2) v128.store(entry(row, j), f64x2.mul(v128.load(entry(row, j)), scale));
  }
  for (; j < d; j++) store<f64>(entry(row, j), load<f64>(entry(row, j)) * factor);
}

/** other[j] −= factor·row[j] for j < d. */
@inline
function subtractRow(other: usize, row: usize, d: i32, factor: f64): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const f = f64x2.splat(factor);
    for (; j + 1 < d; j += 2) {
      const cell = entry(other, j);
      v128.store(cell, f64x2.sub(v128.load(cell), f64x2.mul(f, v128.load(entry(row, j)))));
    }
  }
  for (; j < d; j++) store<f64>(entry(other, j), load<f64>(entry(other, j)) - factor * load<f64>(entry(row, j)));
}

/** other[j] −= factor·row[j] and second[j] −= secondFactor·row[j] for j < d. */
@inline
function subtractRows(other: usize, second: usize, row: usize, d: i32, factor: f64, secondFactor: f64): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const f = f64x2.splat(factor);
    const g = f64x2.splat(secondFactor);
    for (; j + 1 < d; j += 2) {
      const pivotPair = v128.load(entry(row, j));
      const cell = entry(other, j);
      const secondCell = entry(second, j);
      v128.store(cell, f64x2.sub(v128.load(cell), f64x2.mul(f, pivotPair)));
      v128.store(secondCell, f64x2.sub(v128.load(secondCell), f64x2.mul(g, pivotPair)));
    }
  }
  for (; j < d; j++) {
    const pivotValue = load<f64>(entry(row, j));
    store<f64>(entry(other, j), load<f64>(entry(other, j)) - factor * pivotValue);
    store<f64>(entry(second, j), load<f64>(entry(second, j)) - secondFactor * pivotValue);
  }
}

@inline
function swapRows(a: usize, b: usize, d: i32): void {
  for (let j = 0; j < d; j++) {
    const t = load<f64>(entry(a, j));
    store<f64>(entry(a, j), load<f64>(entry(b, j)));
    store<f64>(entry(b, j), t);
  }
}

function swapColumns(m: usize, d: i32, a: i32, b: i32): void {
  for (let i = 0; i < d; i++) {
    const t = load<f64>(entry(m, i * d + a));
    store<f64>(entry(m, i * d + a), load<f64>(entry(m, i * d + b)));
    store<f64>(entry(m, i * d + b), t);
  }
}

/** ‖A‖_F: the squares of entries of even and of odd index summed apart, in order, then together. */
function frobenius(a: usize, size: i32): f64 {
  let even = 0.0;
  let odd = 0.0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    let pair = f64x2.splat(0.0);
    for (; i + 1 < size; i += 2) {
      const value = v128.load(entry(a, i));
      pair = f64x2.add(pair, f64x2.mul(value, value));
    }
    even = f64x2.extract_lane(pair, 0);
    odd = f64x2.extract_lane(pair, 1);
  } else {
    for (; i + 1 < size; i += 2) {
      const a0 = load<f64>(entry(a, i));
      const a1 = load<f64>(entry(a, i + 1));
      even += a0 * a0;
      odd += a1 * a1;
    }
  }
  let sum = even + odd;
  if (i < size) {
    const last = load<f64>(entry(a, i));
    sum += last * last;
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
  const pivots = scratch + 3 * bytes;
  memory.copy(x, f, bytes);
  let scaled = true;
  for (let iteration = 0; iteration < POLAR_ITERATIONS; iteration++) {
    memory.copy(inv, x, bytes);
    if (!invertInPlace(inv, pivots, d)) return false;
    const gamma = scaled ? Math.sqrt(frobenius(inv, size) / frobenius(x, size)) : 1.0;
    const change = newtonStep(x, inv, next, d, gamma);
    const swap = x;
    x = next;
    next = swap;
    if (!scaled && <f64>d * change <= CONVERGED) break;
    if (change < UNSCALED) scaled = false;
  }
  memory.copy(out, x, bytes);
  return true;
}

/**
 * next = (γ·X + X⁻ᵀ/γ)/2, entry by entry; returns the largest |next − X|. The SIMD build reads the
 * transposed inverse two rows at a time: entries (j, i), (j, i + 1), (j + 1, i), (j + 1, i + 1) as
 * two pairs, shuffled into (j, i), (j + 1, i) and (j, i + 1), (j + 1, i + 1).
 */
@inline
function newtonStep(x: usize, inv: usize, next: usize, d: i32, gamma: f64): f64 {
  let change = 0.0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const g = f64x2.splat(gamma);
    const half = f64x2.splat(0.5);
    let largest = f64x2.splat(0.0);
    for (; i + 1 < d; i += 2) {
      let j = 0;
      for (; j + 1 < d; j += 2) {
        const upper = v128.load(entry(inv, j * d + i));
        const lower = v128.load(entry(inv, (j + 1) * d + i));
        const columnI = v128.shuffle<f64>(upper, lower, 0, 2);
        const columnNext = v128.shuffle<f64>(upper, lower, 1, 3);
        const cellI = entry(x, i * d + j);
        const cellNext = entry(x, (i + 1) * d + j);
        const currentI = v128.load(cellI);
        const currentNext = v128.load(cellNext);
        const valueI = f64x2.mul(half, f64x2.add(f64x2.mul(g, currentI), f64x2.div(columnI, g)));
        const valueNext = f64x2.mul(half, f64x2.add(f64x2.mul(g, currentNext), f64x2.div(columnNext, g)));
        largest = f64x2.max(largest, f64x2.max(f64x2.abs(f64x2.sub(valueI, currentI)), f64x2.abs(f64x2.sub(valueNext, currentNext))));
        v128.store(entry(next, i * d + j), valueI);
        v128.store(entry(next, (i + 1) * d + j), valueNext);
      }
      change = Math.max(change, Math.max(f64x2.extract_lane(largest, 0), f64x2.extract_lane(largest, 1)));
      // The odd last column of these two rows.
      for (; j < d; j++) {
        change = Math.max(change, newtonEntry(x, inv, next, d, gamma, i, j));
        change = Math.max(change, newtonEntry(x, inv, next, d, gamma, i + 1, j));
      }
    }
  }
  for (; i < d; i++) for (let j = 0; j < d; j++) change = Math.max(change, newtonEntry(x, inv, next, d, gamma, i, j));
  return change;
}

/** next[i][j] = (γ·x[i][j] + inv[j][i]/γ)/2; returns |next[i][j] − x[i][j]|. */
@inline
function newtonEntry(x: usize, inv: usize, next: usize, d: i32, gamma: f64, i: i32, j: i32): f64 {
  const current = load<f64>(entry(x, i * d + j));
  const value = 0.5 * (gamma * current + load<f64>(entry(inv, j * d + i)) / gamma);
  store<f64>(entry(next, i * d + j), value);
  return Math.abs(value - current);
}
