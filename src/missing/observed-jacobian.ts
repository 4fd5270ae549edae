/**
 * The standardization's log-Jacobian over each row's observed coordinates: what the predict path
 * (../engine/prediction.ts scores the rows) and the statistics of rows with missing values add back.
 */
import type { DenseMatrix } from '../internal-types';
import { log } from '../logarithm';
import type { Standardization } from '../standardize';

/** Per row, −Σ_{j observed} log sⱼ: what turns a standardized log p(z_o) into the user's log p(x_o). */
export function observedLogJacobian(X: DenseMatrix, z: Standardization): Float64Array {
  const { data, rows, cols } = X;
  const logScale = Array.from(z.scale, (s) => log(s));
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) if (!Number.isNaN(data[i * cols + j])) sum -= logScale[j] as number;
    out[i] = sum;
  }
  return out;
}
