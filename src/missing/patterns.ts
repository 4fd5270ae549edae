/**
 * Rows grouped by which of their values are missing (NaN). EM on incomplete data needs, per row,
 * the marginal of its observed coordinates and the regression of its missing coordinates on them;
 * both depend on the row only through its pattern, so they are computed once per pattern and
 * component, and each pattern's observed values are gathered into one contiguous block that the
 * ordinary kernels run on in D_o dimensions.
 */
import type { DenseMatrix } from '../types';

/** The rows that share one set of observed columns (at least one observed, at least one missing). */
export interface MissingPattern {
  /** The observed columns, ascending. */
  readonly observed: Int32Array;
  /** The missing columns, ascending. */
  readonly missing: Int32Array;
  /** The rows of X with this pattern, ascending. */
  readonly rows: Int32Array;
  /** rows×D_o: each row's observed values, in the order of `observed`. */
  readonly x: Float64Array;
  /** The rows' sample weights, when the data are weighted. */
  readonly weights: Float64Array | undefined;
}

/** X split by missingness: the complete rows, the patterns, and the rows with nothing observed. */
export interface MissingLayout {
  readonly cols: number;
  /** The rows with no NaN, in order, and where each sits in X. */
  readonly complete: DenseMatrix;
  readonly completeRows: Int32Array;
  readonly completeWeights: Float64Array | undefined;
  /** In order of each pattern's first row. */
  readonly patterns: readonly MissingPattern[];
  /** Rows with every value missing: they carry no information and take part in nothing. */
  readonly emptyRows: Int32Array;
}

/** Whether any entry of X is NaN. */
export function hasMissing(X: DenseMatrix): boolean {
  const { data } = X;
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i])) return true;
  return false;
}

/** Splits the rows of X (NaN = missing) into complete rows, patterns and empty rows. */
export function groupByPattern(X: DenseMatrix, sampleWeight?: Float64Array): MissingLayout {
  const { data, rows, cols } = X;
  const groups = new Map<string, number[]>();
  const complete: number[] = [];
  const empty: number[] = [];
  const mask = new Uint8Array(cols);
  for (let i = 0; i < rows; i++) {
    let observed = 0;
    for (let j = 0; j < cols; j++) {
      const seen = Number.isNaN(data[i * cols + j]) ? 0 : 1;
      mask[j] = seen;
      observed += seen;
    }
    if (observed === cols) complete.push(i);
    else if (observed === 0) empty.push(i);
    else {
      const key = mask.join('');
      const group = groups.get(key);
      if (group) group.push(i);
      else groups.set(key, [i]);
    }
  }
  const patterns = Array.from(groups.entries(), ([key, members]) =>
    gatherPattern(X, key, Int32Array.from(members), sampleWeight),
  );
  const completeRows = Int32Array.from(complete);
  const completeData = new Float64Array(completeRows.length * cols);
  completeRows.forEach((row, i) => {
    completeData.set(data.subarray(row * cols, (row + 1) * cols), i * cols);
  });
  return {
    cols,
    complete: { data: completeData, rows: completeRows.length, cols },
    completeRows,
    completeWeights: sampleWeight && Float64Array.from(completeRows, (row) => sampleWeight[row] as number),
    patterns,
    emptyRows: Int32Array.from(empty),
  };
}

function gatherPattern(
  X: DenseMatrix,
  key: string,
  rows: Int32Array,
  sampleWeight: Float64Array | undefined,
): MissingPattern {
  const { data, cols } = X;
  const observed: number[] = [];
  const missing: number[] = [];
  for (let j = 0; j < cols; j++) (key[j] === '1' ? observed : missing).push(j);
  const x = new Float64Array(rows.length * observed.length);
  rows.forEach((row, i) => {
    observed.forEach((j, a) => {
      x[i * observed.length + a] = data[row * cols + j] as number;
    });
  });
  return {
    observed: Int32Array.from(observed),
    missing: Int32Array.from(missing),
    rows,
    x,
    weights: sampleWeight && Float64Array.from(rows, (row) => sampleWeight[row] as number),
  };
}

/**
 * Column means and population variances over each column's observed values (weighted when weights
 * are given), by two passes for accuracy. Rows with every value missing count in no column.
 * @throws RangeError naming the first column with no observed value of positive weight.
 */
export function observedMoments(
  X: DenseMatrix,
  sampleWeight?: Float64Array,
): { mean: Float64Array; variance: Float64Array } {
  const { data, rows, cols } = X;
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  const total = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    for (let j = 0; j < cols; j++) {
      const value = data[i * cols + j] as number;
      if (Number.isNaN(value)) continue;
      total[j] = (total[j] as number) + w;
      mean[j] = (mean[j] as number) + w * value;
    }
  }
  for (let j = 0; j < cols; j++) {
    if (!((total[j] as number) > 0)) {
      throw new RangeError(
        `column ${j} of X has no observed value${sampleWeight ? ' of positive weight' : ''}: missing: 'em' needs at least one in every column`,
      );
    }
    mean[j] = (mean[j] as number) / (total[j] as number);
  }
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    for (let j = 0; j < cols; j++) {
      const value = data[i * cols + j] as number;
      if (Number.isNaN(value)) continue;
      const e = value - (mean[j] as number);
      variance[j] = (variance[j] as number) + w * e * e;
    }
  }
  for (let j = 0; j < cols; j++) variance[j] = (variance[j] as number) / (total[j] as number);
  return { mean, variance };
}

/**
 * X with every NaN replaced by its column's observed mean: what the starts see (k-means, random
 * rows, the variance of a start's covariances). EM itself never sees these values.
 */
export function fillWithMeans(X: DenseMatrix, means: Float64Array): DenseMatrix {
  const { rows, cols } = X;
  const data = X.data.slice();
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i])) data[i] = means[i % cols] as number;
  return { data, rows, cols };
}
