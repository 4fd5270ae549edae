/** Partitions cut from a merge tree, as mclust's `hclass`. */

/**
 * The K-cluster partition of the tree's n rows: the first n − K merges applied to singletons.
 * Clusters are numbered 0…K−1 in the order of their first row (mclust's `partconv`).
 *
 * @param merges - the tree, as `mergeTree` returns it (n − 1 pairs of row labels).
 * @param n - the number of rows the tree was built on.
 * @param k - the number of clusters, 1 ≤ K ≤ n.
 * @returns one cluster index per row of the tree.
 */
export function cutTree(merges: Int32Array, n: number, k: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    // Path halving keeps later look-ups short.
    let j = i;
    while (parent[j] !== r) {
      const next = parent[j] as number;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  for (let m = 0; m < n - k; m++) {
    parent[root(merges[2 * m + 1] as number)] = root(merges[2 * m] as number);
  }
  const index = new Int32Array(n).fill(-1);
  const labels = new Int32Array(n);
  let clusters = 0;
  for (let i = 0; i < n; i++) {
    const r = root(i);
    if (index[r] === -1) index[r] = clusters++;
    labels[i] = index[r] as number;
  }
  return labels;
}
