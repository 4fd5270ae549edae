/**
 * Data with missing values, made ready for a fit once: standardized from the observed values when
 * asked, split by missingness pattern, and a mean-filled copy of the informative rows for the
 * starts. Rows with every value missing are set aside here and seen by nothing after.
 */

import type { DenseMatrix } from '../internal-types';
import { log } from '../logarithm';
import type { Standardization } from '../standardize';
import { standardizeMatrix } from '../standardize';
import { groupByPattern, type MissingLayout, observedMoments } from './patterns';

/**
 * Data with missing values, as a fit with `missing: 'em'` uses them: patterns for the E-step, filled rows for
 * the starts.
 */
export interface MissingData {
  /** The z-scoring from the observed values of each column; undefined when not standardizing. */
  readonly standardization: Standardization | undefined;
  /** The rows grouped by missingness pattern (in fit units), complete rows apart, empty rows set aside. */
  readonly layout: MissingLayout;
  /** The rows with an observed value, NaN filled with the column's observed mean: what starts see. */
  readonly startRows: DenseMatrix;
  /** One weight per row of `startRows`; undefined when every row counts once. */
  readonly startWeights: Float64Array | undefined;
  /** From a row of X to its index in `startRows` (−1 for a row with nothing observed). */
  readonly startIndex: Int32Array;
  /** Σ of the weights of the rows with an observed value. */
  readonly totalWeight: number;
  /**
   * Added to the mean log-likelihood in fit units to give the user's: each row's log p(x_o) changes
   * by −Σ_{j observed} log sⱼ, averaged over the rows by weight.
   */
  readonly logLikelihoodShift: number;
}

/**
 * @throws RangeError when a column has no observed value, or fewer rows than `components` have one.
 */
export function prepareMissing(
  data: DenseMatrix,
  sampleWeight: Float64Array | undefined,
  standardize: boolean,
  components: number,
): MissingData {
  const moments = observedMoments(data, sampleWeight);
  const standardization = standardize
    ? { mean: moments.mean, scale: moments.variance.map((v) => (v > 0 ? Math.sqrt(v) : 1)) }
    : undefined;
  const X = standardization ? standardizeMatrix(data, standardization) : data;
  const layout = groupByPattern(X, sampleWeight);
  const { rows, cols } = X;
  const informative = rows - layout.emptyRows.length;
  if (informative < components) {
    throw new RangeError(
      `components (${components}) exceeds the number of rows with an observed value (${informative})`,
    );
  }
  const startIndex = new Int32Array(rows).fill(-1);
  const kept = new Int32Array(informative);
  const empty = new Uint8Array(rows);
  for (const row of layout.emptyRows) empty[row] = 1;
  for (let i = 0, next = 0; i < rows; i++) {
    if (empty[i]) continue;
    startIndex[i] = next;
    kept[next++] = i;
  }
  // Standardized, every column's observed mean is 0.
  const fillMeans = standardization ? new Float64Array(cols) : moments.mean;
  const gathered = new Float64Array(informative * cols);
  for (let i = 0; i < informative; i++) {
    const base = (kept[i] as number) * cols;
    for (let j = 0; j < cols; j++) {
      const value = X.data[base + j] as number;
      gathered[i * cols + j] = Number.isNaN(value) ? (fillMeans[j] as number) : value;
    }
  }
  const startRows = { data: gathered, rows: informative, cols };
  const startWeights = sampleWeight && Float64Array.from(kept, (row) => sampleWeight[row] as number);
  let totalWeight = 0;
  let shift = 0;
  const logScale = standardization ? Array.from(standardization.scale, (s) => log(s)) : [];
  for (let i = 0; i < informative; i++) {
    const row = kept[i] as number;
    const w = sampleWeight ? (sampleWeight[row] as number) : 1;
    totalWeight += w;
    if (!standardization) continue;
    let rowShift = 0;
    for (let j = 0; j < cols; j++)
      if (!Number.isNaN(X.data[row * cols + j])) rowShift -= logScale[j] as number;
    shift += w * rowShift;
  }
  return {
    standardization,
    layout,
    startRows,
    startWeights,
    startIndex,
    totalWeight,
    logLikelihoodShift: shift / totalWeight,
  };
}
