/**
 * The data that mclust's hierarchical clustering works on, from its default `hcUse = "SVD"`: each
 * column centred and scaled to unit (n − 1) standard deviation, then projected on the right singular
 * vectors V and divided by the square roots of the singular values, Z = X̃·V·D^(−1/2). The merge
 * costs depend on this scaling through their regularisation, so the tree is mclust's only on it.
 */
import { symmetricEigen } from '../eigen';
import type { DenseMatrix } from '../internal-types';

/** Transformed rows, n × r row-major, r ≤ the columns of X. */
export interface Transformed {
  /** n×r values, row-major. */
  readonly data: Float64Array;
  /** n: rows, as many as X's. */
  readonly rows: number;
  /** r: the singular vectors kept (those of non-negligible singular value), at most the columns of X. */
  readonly cols: number;
}

/**
 * Eigenvalues of XᵀX (squared singular values) below this fraction of the largest are numerically
 * zero — XᵀX carries them with an absolute error of about ε times the largest — and their directions
 * are dropped: the columns of X are linearly dependent there.
 */
const RANK_TOLERANCE = 1e-12;

/**
 * mclust's "SVD" transform of the chosen rows of X. Constant columns are dropped (mclust's
 * `dropCols` after `scale`), and so are directions of numerically zero singular value, which mclust
 * would divide by zero (its hc then stops with "missing values not allowed").
 *
 * @param X - the data.
 * @param rows - the indices of the rows to transform, ascending.
 * @returns the transformed rows, in the order given; columns in decreasing singular value.
 */
export function svdTransform(X: DenseMatrix, rows: Int32Array): Transformed {
  const n = rows.length;
  const scaled = scaleColumns(X, rows);
  const p = scaled.cols;
  // XᵀX = V·D²·Vᵀ: its eigenvectors are the right singular vectors, its eigenvalues D².
  const gram = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      const xa = scaled.data[i * p + a] as number;
      for (let b = 0; b <= a; b++)
        gram[a * p + b] = (gram[a * p + b] as number) + xa * (scaled.data[i * p + b] as number);
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[b * p + a] = gram[a * p + b] as number;
  const { values, vectors } = symmetricEigen(gram, p);
  const order = Array.from({ length: p }, (_, j) => j).sort(
    (a, b) => (values[b] as number) - (values[a] as number),
  );
  const largest = values[order[0] ?? 0] ?? 0;
  const kept = order.filter((j) => (values[j] as number) > RANK_TOLERANCE * largest);
  const r = kept.length;
  const data = new Float64Array(n * r);
  kept.forEach((j, c) => {
    const factor = 1 / Math.sqrt(Math.sqrt(values[j] as number));
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let a = 0; a < p; a++) sum += (scaled.data[i * p + a] as number) * (vectors[a * p + j] as number);
      data[i * r + c] = sum * factor;
    }
  });
  return { data, rows: n, cols: r };
}

/** R's `scale(x, TRUE, TRUE)` on the chosen rows: centred, divided by the (n − 1) standard deviation; constant columns dropped. */
function scaleColumns(X: DenseMatrix, rows: Int32Array): Transformed {
  const n = rows.length;
  const d = X.cols;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (const row of rows) sum += X.data[row * d + j] as number;
    const m = sum / n;
    let squares = 0;
    for (const row of rows) squares += ((X.data[row * d + j] as number) - m) ** 2;
    mean[j] = m;
    sd[j] = Math.sqrt(squares / (n - 1));
  }
  const columns = Array.from({ length: d }, (_, j) => j).filter((j) => (sd[j] as number) > 0);
  const p = columns.length;
  const data = new Float64Array(n * p);
  rows.forEach((row, i) => {
    columns.forEach((j, c) => {
      data[i * p + c] = ((X.data[row * d + j] as number) - (mean[j] as number)) / (sd[j] as number);
    });
  });
  return { data, rows: n, cols: p };
}
