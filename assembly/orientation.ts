// The inner loop of mclust's EVE and VVE M-steps (`mseve`, `msvve`): the MM algorithm of Browne &
// McNicholas (2014) for one orientation D shared by every component, with shapes Aₖ (|Aₖ| = 1) and
// volumes. It runs here because it is the one M-step that costs as much as the E-steps around it
// (hundreds of iterations a step, each two polar factors of d×d matrices). Operation for operation
// as src/covariance/orientation-equal.ts describes it, and its twin in test/reference/ computes it:
// where the loop stops depends on rounding (its objective is flat at the optimum), so the order of
// every sum is mclust's, and every product entry is a dot product summed from 0 in index order.
// The SIMD build computes two entries of a product row at once, one in each lane, each summed in
// that order (it reads Wₖ's column j as its row j, which the scatter's mirrored triangle makes the
// same bits); the scalar build and the odd last entry take the plain dot product.

import { fdlibmExp, fdlibmLog } from './fdlibm';
import { largestEigenvalue } from './jacobi';
import { polarFactor } from './polar';

@inline
function at(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

@inline
function put(ptr: usize, i: i32, value: f64): void {
  store<f64>(ptr + (<usize>i << 3), value);
}

/** Σₗ a[l]·b[l] for l = 0…n−1, added in that order from 0. */
@inline
function dot(a: usize, b: usize, n: i32): f64 {
  let sum = 0.0;
  for (let l = 0; l < n; l++) sum += at(a, l) * at(b, l);
  return sum;
}

/**
 * Σₗ v[l]·m[l·d + j] and Σₗ v[l]·m[l·d + j + 1], each added in order of l from 0: entries j and
 * j + 1 of the row vᵀ·M as one vector's lanes (SIMD build only).
 */
@inline
function pairOfProducts(v: usize, m: usize, d: i32, j: i32): v128 {
  let sum = f64x2.splat(0.0);
  for (let l = 0; l < d; l++)
    sum = f64x2.add(sum, f64x2.mul(v128.load64_splat(v + (<usize>l << 3)), v128.load(m + (<usize>(l * d + j) << 3))));
  return sum;
}

/** exp(mean of the logs) of `length` values: their geometric mean; 0 when any is ≤ 0. */
function geometricMean(values: usize, length: i32): f64 {
  let sum = 0.0;
  for (let j = 0; j < length; j++) {
    const value = at(values, j);
    if (!(value > 0.0)) return 0.0;
    sum += fdlibmLog(value);
  }
  return fdlibmExp(sum / <f64>length);
}

/** Doubles of scratch `commonOrientation` needs in d dimensions. */
export function orientationScratchLength(d: i32): i32 {
  return 7 * d * d + 3 * d;
}

/**
 * Runs the MM iterations from the shapes and axes given until mclust's relative change of its
 * objective Σₖ tr(Dᵀ·Wₖ·D·Aₖ⁻¹) is ≤ innerTol, or innerMaxIter pass.
 *
 * wPtr      k×d×d  the scatter matrices Wₖ, symmetric bit for bit (read)
 * nkPtr     k      the counts Nₖ (read)
 * omegaPtr  k      the largest eigenvalue of each Wₖ, MM's majorising constant (written first)
 * shapePtr  k×d    Aₖ's diagonals (read, then written)
 * axesPtr   d×d    Dᵀ, row j the j-th axis (read, then written)
 * scalePtr  k      the volumes λₖ (written once an iteration has run; VVE's own, EVE's equal)
 * scratch   orientationScratchLength(d) doubles
 *
 * `volumes` is 1 for VVE (Aₖ·λₖ from diag(Dᵀ·Wₖ·D)/Nₖ), 0 for EVE (λ from the objective).
 * Returns the iterations run.
 */
export function commonOrientation(
  wPtr: usize,
  nkPtr: usize,
  omegaPtr: usize,
  shapePtr: usize,
  axesPtr: usize,
  scalePtr: usize,
  scratch: usize,
  n: f64,
  d: i32,
  k: i32,
  volumes: i32,
  innerTol: f64,
  innerMaxIter: i32,
): i32 {
  const size = d * d;
  const bytes = <usize>size << 3;
  const f = scratch;
  const factor = f + bytes;
  const polar = factor + bytes;
  const scaled = polar + 4 * bytes;
  const product = scaled + (<usize>d << 3);
  const projected = product + (<usize>d << 3);
  const columns = projected + (<usize>d << 3);
  // MM's majorising constants, by the Jacobi rotations of src/eigen.ts (in f's room: MM 1 fills it).
  for (let c = 0; c < k; c++) put(omegaPtr, c, largestEigenvalue(wPtr + ((<usize>c * size) << 3), f, d));
  let previous = f64.MAX_VALUE / 2.0;
  let inner = 0;
  for (; inner < innerMaxIter; inner++) {
    // MM 1: F = Σₖ Aₖ⁻¹·Dᵀ·(Wₖ − ωₖ·I); Dᵀ ← its polar factor. Wₖ is symmetric bit for bit, so its
    // column j is its row j.
    memory.fill(f, 0, bytes);
    for (let c = 0; c < k; c++) {
      const w = wPtr + ((<usize>c * size) << 3);
      const om = at(omegaPtr, c);
      for (let i = 0; i < d; i++) {
        const a = at(shapePtr, c * d + i);
        const row = i * d;
        for (let l = 0; l < d; l++) put(scaled, l, at(axesPtr, row + l) / a);
        let j = 0;
        if (ASC_FEATURE_SIMD) {
          // Entries j and j + 1 at once: column j of Wₖ is its row j, and its rows l hold both.
          const omega = f64x2.splat(om);
          for (; j + 1 < d; j += 2) {
            const sum = pairOfProducts(scaled, w, d, j);
            const cell = f + (<usize>(row + j) << 3);
            v128.store(cell, f64x2.sub(f64x2.add(v128.load(cell), sum), f64x2.mul(omega, v128.load(scaled + (<usize>j << 3)))));
          }
        }
        for (; j < d; j++) {
          const value = dot(scaled, w + ((<usize>j * d) << 3), d);
          put(f, row + j, at(f, row + j) + value - om * at(scaled, j));
        }
      }
    }
    // A singular F (at the start, where every Aₖ = I, MM 2's F is 0) leaves the axes as they are.
    if (polarFactor(f, factor, polar, d)) memory.copy(axesPtr, factor, bytes);
    // MM 2: F = Σₖ (Wₖ·D·Aₖ⁻¹ − Wₖ·D / min Aₖ); D ← its polar factor. (Wₖ·D)ᵢⱼ = Wₖ's row i · Dᵀ's row j.
    memory.fill(f, 0, bytes);
    // D = (Dᵀ)ᵀ, so that entries j and j + 1 of a row of Wₖ·D are one vector's lanes.
    if (ASC_FEATURE_SIMD) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) put(columns, j * d + i, at(axesPtr, i * d + j));
    for (let c = 0; c < k; c++) {
      const w = wPtr + ((<usize>c * size) << 3);
      const from = c * d;
      let largest = 0.0;
      for (let j = 0; j < d; j++) largest = Math.max(largest, 1.0 / at(shapePtr, from + j));
      for (let i = 0; i < d; i++) {
        const wRow = w + ((<usize>i * d) << 3);
        const row = i * d;
        let j = 0;
        if (ASC_FEATURE_SIMD) {
          const least = f64x2.splat(largest);
          for (; j + 1 < d; j += 2) {
            const value = pairOfProducts(wRow, columns, d, j);
            const cell = f + (<usize>(row + j) << 3);
            const shapes = v128.load(shapePtr + (<usize>(from + j) << 3));
            v128.store(cell, f64x2.sub(f64x2.add(v128.load(cell), f64x2.div(value, shapes)), f64x2.mul(least, value)));
          }
        }
        for (; j < d; j++) {
          const value = dot(wRow, axesPtr + ((<usize>j * d) << 3), d);
          put(f, row + j, at(f, row + j) + value / at(shapePtr, from + j) - largest * value);
        }
      }
    }
    if (polarFactor(f, factor, polar, d)) {
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) put(axesPtr, j * d + i, at(factor, i * d + j));
    }
    // Shapes: diag(Dᵀ·Wₖ·D), to |Aₖ| = 1 (EVE) or split into λₖ and Aₖ (VVE), and the objective.
    let target = 0.0;
    for (let c = 0; c < k; c++) {
      const w = wPtr + ((<usize>c * size) << 3);
      const from = c * d;
      const count = at(nkPtr, c);
      for (let j = 0; j < d; j++) {
        const axis = axesPtr + ((<usize>j * d) << 3);
        let m = 0;
        if (ASC_FEATURE_SIMD) {
          // (Dᵀ·Wₖ)ⱼₘ and (Dᵀ·Wₖ)ⱼ,ₘ₊₁ at once, from Wₖ's rows l (its columns, by symmetry).
          for (; m + 1 < d; m += 2) v128.store(product + (<usize>m << 3), pairOfProducts(axis, w, d, m));
        }
        for (; m < d; m++) put(product, m, dot(axis, w + ((<usize>m * d) << 3), d));
        const sum = dot(product, axis, d);
        put(projected, j, sum);
        put(shapePtr, from + j, volumes ? sum / count : sum);
      }
      const volume = geometricMean(shapePtr + (<usize>from << 3), d);
      if (volumes) put(scalePtr, c, volume);
      for (let j = 0; j < d; j++) {
        put(shapePtr, from + j, at(shapePtr, from + j) / volume);
        target += at(projected, j) / at(shapePtr, from + j);
      }
    }
    // EVE: λ = that objective / (N·D), the same for every component.
    if (!volumes) for (let c = 0; c < k; c++) put(scalePtr, c, target / (n * <f64>d));
    // mclust's inner test: go on while |target − previous| / (1 + |target|) > innerTol.
    if (!(Math.abs(target - previous) / (1.0 + Math.abs(target)) > innerTol)) {
      inner++;
      break;
    }
    previous = target;
  }
  return inner;
}
