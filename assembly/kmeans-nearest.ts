// One Lloyd assignment pass: every row to its nearest of all K centres in a single sweep over x.
//
// kmeans.ts's assignNearer compares the rows with one centre per call, so an assignment to K centres
// reads x K times and transposes each block K times. Here each block of 8 rows is transposed once
// and compared with every centre while it sits in cache. The distance to each centre is the same
// sum as there, (x_j − c_j)² added over j in order, one lane per row, and centres are compared in
// order with a strict <: the labels and distances are those of K assignNearer calls after a reset.
// assignNearer itself runs keepNearestInBlock with one centre, so both share one distance loop.
import { transposePanel } from './blocks';
import { BLOCK, BLOCK_BYTES } from './scratch';

/**
 * Assigns every row to its nearest centre: distances[i] = min_c ‖xᵢ − centre_c‖² and labels[i]
 * (stored as f64) the lowest c reaching it, 0 when no distance is below +∞.
 *
 * xPtr         n×d  rows
 * centersPtr   k×d  the centres
 * labelsPtr    n    the previous labels, replaced by the new ones
 * distancesPtr n    written
 * workPtr      8·d  scratch
 *
 * Returns how many labels differ from the previous ones (a NaN previous label always differs).
 * SIMD across blocks of 8 rows, scalar tail.
 */
export function assignNearest(
  xPtr: usize,
  centersPtr: usize,
  labelsPtr: usize,
  distancesPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): i32 {
  const blockEnd = ASC_FEATURE_SIMD ? n - (n % BLOCK) : 0;
  let changed = 0;
  let i = 0;
  // The SIMD loop; a build without SIMD leaves every row to the scalar loop below.
  if (ASC_FEATURE_SIMD) {
    const infinity = f64x2.splat(Infinity);
    const zero = f64x2.splat(0.0);
    for (; i < blockEnd; i += BLOCK) {
      const labels = labelsPtr + (<usize>i << 3);
      const distances = distancesPtr + (<usize>i << 3);
      const previous0 = v128.load(labels);
      const previous1 = v128.load(labels, 16);
      const previous2 = v128.load(labels, 32);
      const previous3 = v128.load(labels, 48);
      fillBlock(distances, infinity);
      fillBlock(labels, zero);
      transposePanel(workPtr, xPtr, i, BLOCK, d);
      keepNearestInBlock(workPtr, centersPtr, d, k, 0.0, distances, labels);
      changed += countChanged(labels, previous0, previous1, previous2, previous3);
    }
  }
  for (; i < n; i++) changed += assignRowNearest<f64>(xPtr, centersPtr, labelsPtr, distancesPtr, i, d, k);
  return changed;
}

/**
 * assignNearest for row i alone, on rows of T (f64, or f32 widened as read: f32/kmeans.ts); returns
 * 1 when its label changed, else 0. The scalar tail, and the whole of the scalar build.
 */
@inline
export function assignRowNearest<T>(
  xPtr: usize,
  centersPtr: usize,
  labelsPtr: usize,
  distancesPtr: usize,
  i: i32,
  d: i32,
  k: i32,
): i32 {
  const row = xPtr + <usize>i * <usize>d * sizeof<T>();
  let best = Infinity;
  let label = 0.0;
  let center = centersPtr;
  for (let c = 0; c < k; c++) {
    let q = 0.0;
    for (let j = 0; j < d; j++) {
      const e = <f64>load<T>(row + <usize>j * sizeof<T>()) - load<f64>(center + (<usize>j << 3));
      q += e * e;
    }
    if (q < best) {
      best = q;
      label = <f64>c;
    }
    center += <usize>d << 3;
  }
  const cell = <usize>i << 3;
  const previous = load<f64>(labelsPtr + cell);
  store<f64>(labelsPtr + cell, label);
  store<f64>(distancesPtr + cell, best);
  return previous != label ? 1 : 0;
}

/**
 * For the 8 rows of a transposed block (`block`, as transposePanel writes it): where centre c of the
 * k at centersPtr (k×d) is strictly nearer than distances[lane], in order of c, distances[lane]
 * becomes that squared distance and labels[lane] firstLabel + c. distances and labels hold 8 doubles
 * each; they are read once and written once, the comparisons run in registers.
 */
@inline
export function keepNearestInBlock(
  block: usize,
  centersPtr: usize,
  d: i32,
  k: i32,
  firstLabel: f64,
  distances: usize,
  labels: usize,
): void {
  let best0 = v128.load(distances);
  let best1 = v128.load(distances, 16);
  let best2 = v128.load(distances, 32);
  let best3 = v128.load(distances, 48);
  let label0 = v128.load(labels);
  let label1 = v128.load(labels, 16);
  let label2 = v128.load(labels, 32);
  let label3 = v128.load(labels, 48);
  let center = centersPtr;
  for (let c = 0; c < k; c++) {
    let q0 = f64x2.splat(0.0);
    let q1 = q0;
    let q2 = q0;
    let q3 = q0;
    let x = block;
    for (let j = 0; j < d; j++) {
      const cj = v128.load64_splat(center + (<usize>j << 3));
      const e0 = f64x2.sub(v128.load(x), cj);
      const e1 = f64x2.sub(v128.load(x, 16), cj);
      const e2 = f64x2.sub(v128.load(x, 32), cj);
      const e3 = f64x2.sub(v128.load(x, 48), cj);
      q0 = f64x2.add(q0, f64x2.mul(e0, e0));
      q1 = f64x2.add(q1, f64x2.mul(e1, e1));
      q2 = f64x2.add(q2, f64x2.mul(e2, e2));
      q3 = f64x2.add(q3, f64x2.mul(e3, e3));
      x += BLOCK_BYTES;
    }
    const label = f64x2.splat(firstLabel + <f64>c);
    const nearer0 = f64x2.lt(q0, best0);
    const nearer1 = f64x2.lt(q1, best1);
    const nearer2 = f64x2.lt(q2, best2);
    const nearer3 = f64x2.lt(q3, best3);
    best0 = v128.bitselect(q0, best0, nearer0);
    best1 = v128.bitselect(q1, best1, nearer1);
    best2 = v128.bitselect(q2, best2, nearer2);
    best3 = v128.bitselect(q3, best3, nearer3);
    label0 = v128.bitselect(label, label0, nearer0);
    label1 = v128.bitselect(label, label1, nearer1);
    label2 = v128.bitselect(label, label2, nearer2);
    label3 = v128.bitselect(label, label3, nearer3);
    center += <usize>d << 3;
  }
  v128.store(distances, best0);
  v128.store(distances, best1, 16);
  v128.store(distances, best2, 32);
  v128.store(distances, best3, 48);
  v128.store(labels, label0);
  v128.store(labels, label1, 16);
  v128.store(labels, label2, 32);
  v128.store(labels, label3, 48);
}

@inline
function fillBlock(cells: usize, value: v128): void {
  v128.store(cells, value);
  v128.store(cells, value, 16);
  v128.store(cells, value, 32);
  v128.store(cells, value, 48);
}

/** How many of a block's 8 labels at `labels` differ from the previous ones. */
@inline
function countChanged(labels: usize, previous0: v128, previous1: v128, previous2: v128, previous3: v128): i32 {
  const differ0 = f64x2.ne(v128.load(labels), previous0);
  const differ1 = f64x2.ne(v128.load(labels, 16), previous1);
  const differ2 = f64x2.ne(v128.load(labels, 32), previous2);
  const differ3 = f64x2.ne(v128.load(labels, 48), previous3);
  // Each differing lane is a mask of ones, a 64-bit −1: the negated lane sums count them.
  const sum = i64x2.add(i64x2.add(differ0, differ1), i64x2.add(differ2, differ3));
  return -<i32>(i64x2.extract_lane(sum, 0) + i64x2.extract_lane(sum, 1));
}
