// The k-means kernels of ../kmeans.ts and ../kmeans-nearest.ts over f32 rows, for the 'kmeans' and
// 'kmeans++' starts of a float32 fit. Each value is widened to f64 as it is read and everything else
// is the f64 kernels' arithmetic, so a start on f32 rows is the f64 start on the same (rounded)
// values, bit for bit. Plain scalar code in both builds but for the centroid sums' pairs: a start
// runs a few passes, the EM iterations dominate.
import { assignRowNearest } from '../kmeans-nearest';

/** assignNearer for f32 rows (xPtr n×d f32); every other argument and the result as there. */
export function assignNearerF32(
  xPtr: usize,
  centerPtr: usize,
  labelsPtr: usize,
  distancesPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  label: f64,
): f64 {
  let total = 0.0;
  for (let i = 0; i < n; i++) {
    const row = xPtr + ((<usize>i * d) << 2);
    let q = 0.0;
    for (let j = 0; j < d; j++) {
      const e = <f64>load<f32>(row + (<usize>j << 2)) - load<f64>(centerPtr + (<usize>j << 3));
      q += e * e;
    }
    const cell = <usize>i << 3;
    const best = load<f64>(distancesPtr + cell);
    if (q < best) {
      store<f64>(distancesPtr + cell, q);
      store<f64>(labelsPtr + cell, label);
      total += q;
    } else {
      total += best;
    }
  }
  return total;
}

/** assignNearest (../kmeans-nearest.ts) for f32 rows (xPtr n×d f32); every other argument and the result as there. */
export function assignNearestF32(
  xPtr: usize,
  centersPtr: usize,
  labelsPtr: usize,
  distancesPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): i32 {
  let changed = 0;
  for (let i = 0; i < n; i++) changed += assignRowNearest<f32>(xPtr, centersPtr, labelsPtr, distancesPtr, i, d, k);
  return changed;
}

/**
 * accumulateCentroids for f32 rows (xPtr n×d f32): sums[l·d + j] += wᵢ·xᵢⱼ, counts[l] += wᵢ, in f64,
 * two features at a time in the SIMD build as there (each pair of floats widened exactly), odd d's
 * last feature in the scalar tail.
 */
export function accumulateCentroidsF32(
  xPtr: usize,
  labelsPtr: usize,
  weightsPtr: usize,
  sumsPtr: usize,
  countsPtr: usize,
  n: i32,
  d: i32,
): void {
  const rowBytes = <usize>d << 3;
  const pairEnd = ASC_FEATURE_SIMD ? d & ~1 : 0;
  for (let i = 0; i < n; i++) {
    const cell = <usize>i << 3;
    const label = <usize>load<f64>(labelsPtr + cell);
    const w = load<f64>(weightsPtr + cell);
    const row = xPtr + ((<usize>i * d) << 2);
    const sum = sumsPtr + label * rowBytes;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const weight = f64x2.splat(w);
      for (; j < pairEnd; j += 2) {
        const offset = <usize>j << 3;
        const x = f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>j << 2)));
        v128.store(sum + offset, f64x2.add(v128.load(sum + offset), f64x2.mul(weight, x)));
      }
    }
    for (; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(sum + offset, load<f64>(sum + offset) + w * <f64>load<f32>(row + (<usize>j << 2)));
    }
    const count = countsPtr + (label << 3);
    store<f64>(count, load<f64>(count) + w);
  }
}
