import type { DenseMatrix } from '../internal-types';
import { regress } from './conditional';
import { groupByPattern } from './patterns';

/**
 * @param X - rows in the user's units, NaN where missing.
 * @param resp - rows×K responsibilities of X (the weights for a row with nothing observed).
 * @param means - K×D means and `covariances` K full D×D matrices, in the user's units.
 * @returns a copy of X with every NaN filled in.
 * @throws Error when some Σₖ,oo is not positive definite.
 */
export function imputeRows(
  X: DenseMatrix,
  resp: Float64Array,
  means: Float64Array,
  covariances: Float64Array,
): Float64Array {
  const d = X.cols;
  const k = means.length / d;
  // f64 whatever X is in: a conditional expectation is not an f32 value.
  const out = new Float64Array(X.data);
  const layout = groupByPattern(X);
  for (const row of layout.emptyRows) {
    for (let j = 0; j < d; j++) {
      let value = 0;
      for (let c = 0; c < k; c++) value += (resp[row * k + c] as number) * (means[c * d + j] as number);
      out[row * d + j] = value;
    }
  }
  for (const pattern of layout.patterns) {
    const { observed, missing } = pattern;
    const p = observed.length;
    const q = missing.length;
    const regressions = Array.from({ length: k }, (_, c) => {
      const regression = regress(covariances, c * d * d, d, observed, missing);
      if (!regression) throw new Error(`the covariance of component ${c} is not positive definite`);
      return regression.coefficients;
    });
    pattern.rows.forEach((row, i) => {
      for (let t = 0; t < q; t++) {
        const j = missing[t] as number;
        let value = 0;
        for (let c = 0; c < k; c++) {
          const B = regressions[c] as Float64Array;
          let conditional = means[c * d + j] as number;
          for (let a = 0; a < p; a++) {
            const deviation =
              (pattern.x[i * p + a] as number) - (means[c * d + (observed[a] as number)] as number);
            conditional += (B[t * p + a] as number) * deviation;
          }
          value += (resp[row * k + c] as number) * conditional;
        }
        out[row * d + j] = value;
      }
    });
  }
  return out;
}
