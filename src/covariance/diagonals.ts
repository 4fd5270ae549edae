/**
 * Diagonal covariances (a start's, a re-seeded component's) in the compact form of a type, without
 * building K full D×D matrices for the types whose compact form is diagonal: a diagonal model of
 * thousands of features stays K×D numbers from start to end. The values are those `fromFull` gives.
 */
import type { CovarianceModel } from './model';

/** K diagonals (K×D) as the compact covariances of `model`. */
export function compactFromDiagonals(
  model: CovarianceModel,
  diagonals: Float64Array,
  d: number,
  k: number,
): Float64Array {
  if (model.type === 'diag') return diagonals.slice();
  if (model.type === 'spherical') {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += diagonals[c * d + j] as number;
      out[c] = sum / d;
    }
    return out;
  }
  const full = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++) full[c * d * d + j * d + j] = diagonals[c * d + j] as number;
  return model.fromFull(full, d, k);
}

/**
 * `compact` with the covariances of `components` replaced by diag(variance), the rest as they
 * were (tied: the shared matrix is projected as `fromFull` does).
 */
export function withDiagonalCovariances(
  model: CovarianceModel,
  compact: Float64Array,
  components: readonly number[],
  variance: Float64Array,
  d: number,
  k: number,
): Float64Array {
  if (model.type === 'diag' || model.type === 'spherical') {
    const out = compact.slice();
    const replaced = compactFromDiagonals(model, variance, d, 1);
    const size = replaced.length;
    for (const c of components) out.set(replaced, c * size);
    return out;
  }
  const full = model.toFull(compact, d, k);
  for (const c of components) {
    full.fill(0, c * d * d, (c + 1) * d * d);
    for (let j = 0; j < d; j++) full[c * d * d + j * d + j] = variance[j] as number;
  }
  return model.fromFull(full, d, k);
}
