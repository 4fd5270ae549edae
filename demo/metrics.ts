/**
 * Clustering metrics for the demo: the contingency table of two labelings, the adjusted Rand index
 * (as scikit-learn's `adjusted_rand_score`) and the label matching that maximises agreement.
 */

/** Counts of co-occurring labels: `counts[i][j]` = number of samples with truth `rows[i]` and prediction `columns[j]`. */
export interface ContingencyTable {
  /** The distinct truth labels, ascending. */
  readonly rows: number[];
  /** The distinct predicted labels, ascending. */
  readonly columns: number[];
  /** rows.length × columns.length counts. */
  readonly counts: number[][];
}

/** A one-to-one matching of a table's columns to its rows. */
export interface Matching {
  /** `rowOfColumn[j]` = the row matched to column j, or -1 when there are more columns than rows. */
  readonly rowOfColumn: number[];
  /** Sum of the matched cells. */
  readonly matched: number;
}

/** The largest table side `bestMatching` accepts: it tries all side! permutations. */
const MAX_MATCHING_SIZE = 8;

/**
 * The contingency table of two labelings of the same samples (scikit-learn's `contingency_matrix`):
 * rows are the distinct truth labels, columns the distinct predicted labels, both ascending.
 *
 * @param truth - N integer labels.
 * @param predicted - N integer labels.
 * @throws RangeError if the lengths differ or a label is not an integer.
 */
export function contingencyTable(truth: ArrayLike<number>, predicted: ArrayLike<number>): ContingencyTable {
  checkLabels(truth, predicted);
  const rows = distinctSorted(truth);
  const columns = distinctSorted(predicted);
  const rowIndex = new Map(rows.map((label, i) => [label, i]));
  const columnIndex = new Map(columns.map((label, j) => [label, j]));
  const counts = rows.map(() => new Array<number>(columns.length).fill(0));
  for (let n = 0; n < truth.length; n++) {
    const row = counts[rowIndex.get(truth[n] as number) as number] as number[];
    const j = columnIndex.get(predicted[n] as number) as number;
    row[j] = (row[j] as number) + 1;
  }
  return { rows, columns, counts };
}

/**
 * The adjusted Rand index of two labelings, as scikit-learn's `adjusted_rand_score`: 1 for identical
 * partitions (up to relabelling), about 0 for independent ones, negative when worse than chance.
 * Computed from the pair confusion matrix in exact integer arithmetic. When no pair of samples is split
 * differently by the two labelings (identical partitions, both a single cluster, both all singletons,
 * or no samples) the result is 1.0, as in scikit-learn, where the formula would give 0/0.
 *
 * @param truth - N integer labels.
 * @param predicted - N integer labels.
 * @returns A number in [-0.5, 1].
 * @throws RangeError if the lengths differ or a label is not an integer.
 */
export function adjustedRandIndex(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const { counts } = contingencyTable(truth, predicted);
  const n = BigInt(truth.length);
  const rowSums = counts.map((row) => BigInt(sum(row)));
  const columnSums = (counts[0] ?? []).map((_, j) => BigInt(sum(counts.map((row) => row[j] as number))));
  let sumSquares = 0n;
  for (const row of counts) for (const count of row) sumSquares += BigInt(count) ** 2n;
  // Ordered pairs (i ≠ j): together in both, together only in truth, only in predicted, in neither.
  const together = sumSquares - n;
  const onlyTruth = sumBig(rowSums.map((s) => s * s)) - sumSquares;
  const onlyPredicted = sumBig(columnSums.map((s) => s * s)) - sumSquares;
  const apart = n * n - onlyTruth - onlyPredicted - sumSquares;
  if (onlyTruth === 0n && onlyPredicted === 0n) return 1.0;
  const numerator = 2n * (together * apart - onlyTruth * onlyPredicted);
  const denominator =
    (together + onlyTruth) * (onlyTruth + apart) + (together + onlyPredicted) * (onlyPredicted + apart);
  return Number(numerator) / Number(denominator);
}

/**
 * The one-to-one matching of columns to rows that maximises the sum of matched cells (the best
 * relabelling of clusters to classes). Ties go to the first permutation in lexicographic order.
 * A rectangular table is padded with zeros, so the surplus columns (or rows) stay unmatched.
 *
 * @param table - R×C non-negative counts, e.g. `contingencyTable(...).counts`.
 * @throws RangeError if the rows differ in length, or max(R, C) exceeds 8 (brute force over permutations).
 */
export function bestMatching(table: readonly (readonly number[])[]): Matching {
  const rows = table.length;
  const columns = table[0]?.length ?? 0;
  table.forEach((row, i) => {
    if (row.length !== columns)
      throw new RangeError(`table row ${i} has ${row.length} columns, expected ${columns}`);
  });
  const size = Math.max(rows, columns);
  if (size > MAX_MATCHING_SIZE) {
    throw new RangeError(
      `table is ${rows}×${columns}; bestMatching handles at most ${MAX_MATCHING_SIZE} per side`,
    );
  }
  const cell = (i: number, j: number): number => table[i]?.[j] ?? 0;
  let best: Matching = { rowOfColumn: [], matched: -Infinity };
  for (const permutation of permutations(size)) {
    const matched = sum(permutation.map((i, j) => cell(i, j)));
    if (matched > best.matched) best = { rowOfColumn: permutation, matched };
  }
  const rowOfColumn = best.rowOfColumn.slice(0, columns).map((i) => (i < rows ? i : -1));
  return { rowOfColumn, matched: Math.max(best.matched, 0) };
}

/** All permutations of 0…n-1 in lexicographic order. */
function* permutations(n: number): Generator<number[]> {
  const current: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  function* extend(): Generator<number[]> {
    if (current.length === n) {
      yield current.slice();
      return;
    }
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      used[i] = true;
      current.push(i);
      yield* extend();
      current.pop();
      used[i] = false;
    }
  }
  yield* extend();
}

function checkLabels(truth: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (truth.length !== predicted.length) {
    throw new RangeError(`truth has ${truth.length} labels but predicted has ${predicted.length}`);
  }
  for (const [name, labels] of [
    ['truth', truth],
    ['predicted', predicted],
  ] as const) {
    for (let n = 0; n < labels.length; n++) {
      if (!Number.isInteger(labels[n]))
        throw new RangeError(`${name}[${n}] is ${labels[n]}, expected an integer`);
    }
  }
}

function distinctSorted(labels: ArrayLike<number>): number[] {
  return [...new Set(Array.from(labels))].sort((a, b) => a - b);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function sumBig(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}
