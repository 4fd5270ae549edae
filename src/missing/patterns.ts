import type { DenseMatrix } from '../internal-types';

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
  /** D: columns of X. */
  readonly cols: number;
  /** The rows with no NaN, in order, and where each sits in X. */
  readonly complete: DenseMatrix;
  /** For each row of `complete`, its row in X. */
  readonly completeRows: Int32Array;
  /** One weight per row of `complete`; undefined when the data are unweighted. */
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
  // Each row's group: −1 complete, −2 nothing observed, else its pattern, numbered by first row.
  const group = new Int32Array(rows);
  const sizes: number[] = [];
  // A pattern's key is the bits of its observed columns: a table lookup up to 16 columns, a map
  // past that (of strings past 30 columns, where the bits would not fit).
  const table = cols <= 16 ? new Int32Array(1 << cols).fill(-1) : undefined;
  const map = new Map<number | string, number>();
  const mask = new Uint8Array(cols);
  let completeCount = 0;
  for (let i = 0; i < rows; i++) {
    let observed = 0;
    let bits = 0;
    for (let j = 0; j < cols; j++) {
      const value = data[i * cols + j] as number;
      // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test in a hot loop.
      const seen = value === value ? 1 : 0;
      mask[j] = seen;
      observed += seen;
      if (j < 30) bits |= seen << j;
    }
    if (observed === cols) {
      group[i] = -1;
      completeCount++;
      continue;
    }
    if (observed === 0) {
      group[i] = -2;
      continue;
    }
    const key: number | string = cols <= 30 ? bits : mask.join('');
    let id = table ? (table[bits] as number) : (map.get(key) ?? -1);
    if (id < 0) {
      id = sizes.length;
      sizes.push(0);
      if (table) table[bits] = id;
      else map.set(key, id);
    }
    sizes[id] = (sizes[id] as number) + 1;
    group[i] = id;
  }
  const members = sizes.map((size) => new Int32Array(size));
  const filled = new Int32Array(sizes.length);
  const completeRows = new Int32Array(completeCount);
  const empty: number[] = [];
  for (let i = 0, c = 0; i < rows; i++) {
    const id = group[i] as number;
    if (id === -1) completeRows[c++] = i;
    else if (id === -2) empty.push(i);
    else (members[id] as Int32Array)[(filled[id] as number)++] = i;
  }
  const patterns = members.map((rowsOfPattern) => gatherPattern(X, rowsOfPattern, sampleWeight));
  const completeData = new Float64Array(completeRows.length * cols);
  for (let i = 0; i < completeRows.length; i++) {
    const base = (completeRows[i] as number) * cols;
    for (let j = 0; j < cols; j++) completeData[i * cols + j] = data[base + j] as number;
  }
  return {
    cols,
    complete: { data: completeData, rows: completeRows.length, cols },
    completeRows,
    completeWeights: sampleWeight && Float64Array.from(completeRows, (row) => sampleWeight[row] as number),
    patterns,
    emptyRows: Int32Array.from(empty),
  };
}

/** The observed values of `rows` (which share one pattern) gathered into rows×D_o. */
function gatherPattern(
  X: DenseMatrix,
  rows: Int32Array,
  sampleWeight: Float64Array | undefined,
): MissingPattern {
  const { data, cols } = X;
  const first = rows[0] as number;
  const observed: number[] = [];
  const missing: number[] = [];
  for (let j = 0; j < cols; j++) (Number.isNaN(data[first * cols + j]) ? missing : observed).push(j);
  const p = observed.length;
  const x = new Float64Array(rows.length * p);
  for (let i = 0; i < rows.length; i++) {
    const base = (rows[i] as number) * cols;
    for (let a = 0; a < p; a++) x[i * p + a] = data[base + (observed[a] as number)] as number;
  }
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
