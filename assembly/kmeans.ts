// Lloyd's k-means, for the 'kmeans' and 'kmeans++' starts: nearest-centre assignment and centroid sums.
import { transposePanel } from './blocks';
import { keepNearestInBlock } from './kmeans-nearest';
import { BLOCK } from './scratch';

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
      const cell = <usize>i << 3;
      transposePanel(workPtr, xPtr, i, BLOCK, d);
      keepNearestInBlock(workPtr, centerPtr, d, 1, label, distancesPtr + cell, labelsPtr + cell);
      for (let lane: usize = 0; lane < <usize>BLOCK; lane++) total += load<f64>(distancesPtr + cell + (lane << 3));
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
 * counts[l] += wᵢ for l = labels[i]. Each cell gets its terms in the order of the rows, so the sums
 * are those of a plain loop bit for bit; the SIMD build adds two features at a time (the loop is
 * bound by its per-value instructions, not by memory), odd d's last feature in the scalar tail.
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
  const pairEnd = ASC_FEATURE_SIMD ? d & ~1 : 0;
  for (let i = 0; i < n; i++) {
    const cell = <usize>i << 3;
    const label = <usize>load<f64>(labelsPtr + cell);
    const w = load<f64>(weightsPtr + cell);
    const row = xPtr + <usize>i * rowBytes;
    const sum = sumsPtr + label * rowBytes;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const weight = f64x2.splat(w);
      for (; j < pairEnd; j += 2) {
        const offset = <usize>j << 3;
        v128.store(sum + offset, f64x2.add(v128.load(sum + offset), f64x2.mul(weight, v128.load(row + offset))));
      }
    }
    for (; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(sum + offset, load<f64>(sum + offset) + w * load<f64>(row + offset));
    }
    const count = countsPtr + (label << 3);
    store<f64>(count, load<f64>(count) + w);
  }
}
