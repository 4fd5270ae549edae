/**
 * Plain TypeScript twins of the k-means kernels. Labels are numbers, as the kernels store them in f64
 * buffers. Every result is a fresh array and the inputs are never modified.
 */

function squaredDistance(
  x: Float64Array,
  i: number,
  center: ArrayLike<number>,
  c: number,
  d: number,
): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const e = (x[i * d + j] ?? 0) - (center[c * d + j] ?? 0);
    sum += e * e;
  }
  return sum;
}

/**
 * One assignment step: where ‖x_i − center‖² < distances[i], row i moves to `label` at that distance.
 * @param x - N×D points. @param center - D. @param labels - N. @param distances - N.
 * @returns the updated labels and distances, and total = Σᵢ of the updated distances.
 */
export function assignNearer(
  x: Float64Array,
  center: Float64Array,
  labels: Float64Array,
  distances: Float64Array,
  n: number,
  d: number,
  label: number,
): { labels: Float64Array; distances: Float64Array; total: number } {
  const newLabels = labels.slice();
  const newDistances = distances.slice();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const distance = squaredDistance(x, i, center, 0, d);
    if (distance < (newDistances[i] ?? 0)) {
      newDistances[i] = distance;
      newLabels[i] = label;
    }
    total += newDistances[i] ?? 0;
  }
  return { labels: newLabels, distances: newDistances, total };
}

/**
 * Brute force: each row's nearest of K centres (the lowest index among equally near ones) and the
 * squared distance to it. @param centers - K×D.
 */
export function nearestCenters(
  x: Float64Array,
  centers: Float64Array,
  n: number,
  d: number,
  k: number,
): { labels: Float64Array; distances: Float64Array } {
  const labels = new Float64Array(n);
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const distance = squaredDistance(x, i, centers, c, d);
      if (distance < bestDistance) {
        best = c;
        bestDistance = distance;
      }
    }
    labels[i] = best;
    distances[i] = bestDistance;
  }
  return { labels, distances };
}

/**
 * One whole assignment pass: `nearestCenters`, and how many of the new labels differ from `previous`
 * (N labels; a NaN one always differs). @param centers - K×D.
 */
export function assignNearest(
  x: Float64Array,
  centers: Float64Array,
  previous: Float64Array,
  n: number,
  d: number,
  k: number,
): { labels: Float64Array; distances: Float64Array; changed: number } {
  const { labels, distances } = nearestCenters(x, centers, n, d, k);
  let changed = 0;
  for (let i = 0; i < n; i++) if (labels[i] !== previous[i]) changed++;
  return { labels, distances, changed };
}

/**
 * Weighted cluster sums: sums[l·D + j] = Σ_{i: labels_i = l} w_i·x_ij and counts[l] = Σ_{i: labels_i = l} w_i.
 * @param labels - N integers in [0, K). @param weights - N, ≥ 0. @returns K×D sums and K counts.
 */
export function accumulateCentroids(
  x: Float64Array,
  labels: Float64Array,
  weights: Float64Array,
  n: number,
  d: number,
  k: number,
): { sums: Float64Array; counts: Float64Array } {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const l = labels[i] ?? 0;
    const w = weights[i] ?? 0;
    for (let j = 0; j < d; j++) sums[l * d + j] = (sums[l * d + j] ?? 0) + w * (x[i * d + j] ?? 0);
    counts[l] = (counts[l] ?? 0) + w;
  }
  return { sums, counts };
}
