// Lloyd's k-means, for the 'kmeans' and 'kmeans++' starts: nearest-centre assignment and centroid sums.
import { loadCentredBlock } from './blocks';
import { BLOCK, BLOCK_BYTES } from './scratch';

/**
 * Compares every row with one centre and moves it there if that centre is strictly nearer:
 * where ‖xᵢ − centre‖² < distances[i], distances[i] and labels[i] (stored as f64) are replaced.
 * Called once per centre, in order, after filling distances with +∞, it assigns each row to its
 * nearest centre, ties going to the lowest label.
 *
 * xPtr         n×d  rows
 * centerPtr    d    the centre
 * labelsPtr    n    labels (updated)
 * distancesPtr n    squared distances to the nearest centre so far (updated)
 * workPtr      8·d  scratch
 *
 * Returns Σᵢ distances[i] after the update. SIMD across blocks of 8 points, scalar tail.
 */
export function assignNearer(
  xPtr: usize,
  centerPtr: usize,
  labelsPtr: usize,
  distancesPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  label: f64,
): f64 {
  const rowBytes = <usize>d << 3;
  const blockEnd = ASC_FEATURE_SIMD ? n - (n % BLOCK) : 0;
  let total = 0.0;
  let i = 0;
  // The SIMD loop; a build without SIMD leaves every point to the scalar loop below.
  if (ASC_FEATURE_SIMD) {
    for (; i < blockEnd; i += BLOCK) {
      loadCentredBlock(workPtr, xPtr, i, centerPtr, d);
      let q0 = f64x2.splat(0.0);
      let q1 = f64x2.splat(0.0);
      let q2 = f64x2.splat(0.0);
      let q3 = f64x2.splat(0.0);
      let e = workPtr;
      for (let j = 0; j < d; j++) {
        const e0 = v128.load(e);
        const e1 = v128.load(e, 16);
        const e2 = v128.load(e, 32);
        const e3 = v128.load(e, 48);
        q0 = f64x2.add(q0, f64x2.mul(e0, e0));
        q1 = f64x2.add(q1, f64x2.mul(e1, e1));
        q2 = f64x2.add(q2, f64x2.mul(e2, e2));
        q3 = f64x2.add(q3, f64x2.mul(e3, e3));
        e += BLOCK_BYTES;
      }
      total += keepNearer(labelsPtr, distancesPtr, i, f64x2.extract_lane(q0, 0), label);
      total += keepNearer(labelsPtr, distancesPtr, i + 1, f64x2.extract_lane(q0, 1), label);
      total += keepNearer(labelsPtr, distancesPtr, i + 2, f64x2.extract_lane(q1, 0), label);
      total += keepNearer(labelsPtr, distancesPtr, i + 3, f64x2.extract_lane(q1, 1), label);
      total += keepNearer(labelsPtr, distancesPtr, i + 4, f64x2.extract_lane(q2, 0), label);
      total += keepNearer(labelsPtr, distancesPtr, i + 5, f64x2.extract_lane(q2, 1), label);
      total += keepNearer(labelsPtr, distancesPtr, i + 6, f64x2.extract_lane(q3, 0), label);
      total += keepNearer(labelsPtr, distancesPtr, i + 7, f64x2.extract_lane(q3, 1), label);
    }
  }
  for (; i < n; i++) {
    const row = xPtr + <usize>i * rowBytes;
    let q = 0.0;
    for (let j = 0; j < d; j++) {
      const e = load<f64>(row + (<usize>j << 3)) - load<f64>(centerPtr + (<usize>j << 3));
      q += e * e;
    }
    total += keepNearer(labelsPtr, distancesPtr, i, q, label);
  }
  return total;
}

@inline
function keepNearer(labelsPtr: usize, distancesPtr: usize, i: i32, distance: f64, label: f64): f64 {
  const cell = <usize>i << 3;
  const best = load<f64>(distancesPtr + cell);
  if (distance < best) {
    store<f64>(distancesPtr + cell, distance);
    store<f64>(labelsPtr + cell, label);
    return distance;
  }
  return best;
}

/**
 * Adds each row, times its weight, to the sum of its label's cluster: sums[l·d + j] += wᵢ·xᵢⱼ and
 * counts[l] += wᵢ for l = labels[i]. Memory-bound, so plain scalar code.
 *
 * xPtr n×d, labelsPtr n (f64), weightsPtr n, sumsPtr k×d (updated), countsPtr k (updated)
 */
export function accumulateCentroids(
  xPtr: usize,
  labelsPtr: usize,
  weightsPtr: usize,
  sumsPtr: usize,
  countsPtr: usize,
  n: i32,
  d: i32,
): void {
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    const cell = <usize>i << 3;
    const label = <usize>load<f64>(labelsPtr + cell);
    const w = load<f64>(weightsPtr + cell);
    const row = xPtr + <usize>i * rowBytes;
    const sum = sumsPtr + label * rowBytes;
    for (let j = 0; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(sum + offset, load<f64>(sum + offset) + w * load<f64>(row + offset));
    }
    const count = countsPtr + (label << 3);
    store<f64>(count, load<f64>(count) + w);
  }
}
