/**
 * Feature z-scoring for `standardize: true`: the fit runs on (x − m) / s, and the parameters come
 * back in the user's units: μ = m + s∘μ', Σ = diag(s)·Σ'·diag(s), log p(x) = log p'(z) − Σⱼ log sⱼ.
 */
import type { DenseMatrix, ExplicitStart, MixtureParameters } from './types';

export interface Standardizer {
  readonly mean: Float64Array;
  /** Population standard deviation per column; 1 for a constant column, which then stays as it is. */
  readonly scale: Float64Array;
  /** −Σⱼ log sⱼ: add to a standardized log-density to get the original-units one. */
  readonly logJacobian: number;
}

export function fitStandardizer(X: DenseMatrix): Standardizer {
  const { mean, variance } = columnMoments(X);
  const scale = variance.map((v) => (v > 0 ? Math.sqrt(v) : 1));
  let logJacobian = 0;
  for (const s of scale) logJacobian -= Math.log(s);
  return { mean, scale, logJacobian };
}

/** Column means and population variances, by a two-pass sum for accuracy. */
export function columnMoments(X: DenseMatrix): { mean: Float64Array; variance: Float64Array } {
  const { data, rows, cols } = X;
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) + (data[i * cols + j] as number);
  for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) / rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const e = (data[i * cols + j] as number) - (mean[j] as number);
      variance[j] = (variance[j] as number) + e * e;
    }
  }
  for (let j = 0; j < cols; j++) variance[j] = (variance[j] as number) / rows;
  return { mean, variance };
}

export function standardizeMatrix(X: DenseMatrix, z: Standardizer): DenseMatrix {
  const { rows, cols } = X;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      data[i * cols + j] =
        ((X.data[i * cols + j] as number) - (z.mean[j] as number)) / (z.scale[j] as number);
    }
  }
  return { data, rows, cols };
}

/** Parameters from standardized units back to the user's. */
export function toOriginalUnits(params: MixtureParameters, z: Standardizer): MixtureParameters {
  return mapUnits(params, z, (value, j) => (z.mean[j] as number) + (z.scale[j] as number) * value, 1);
}

/** An explicit start from the user's units into standardized ones. */
export function startToStandardUnits(start: ExplicitStart, z: Standardizer): ExplicitStart {
  const mapped = mapUnits(
    { weights: start.weights, means: start.means, covariances: start.covariances ?? new Float64Array(0) },
    z,
    (value, j) => (value - (z.mean[j] as number)) / (z.scale[j] as number),
    -1,
  );
  return { ...mapped, covariances: start.covariances ? mapped.covariances : undefined };
}

/** Maps means elementwise and scales covariances by diag(s)^power on both sides. */
function mapUnits(
  params: MixtureParameters,
  z: Standardizer,
  mapMean: (value: number, column: number) => number,
  power: 1 | -1,
): MixtureParameters {
  const d = z.scale.length;
  const means = params.means.map((value, index) => mapMean(value, index % d));
  const covariances = params.covariances.map((value, index) => {
    const j = Math.floor(index / d) % d;
    const l = index % d;
    const factor = (z.scale[j] as number) * (z.scale[l] as number);
    return power === 1 ? value * factor : value / factor;
  });
  return { weights: params.weights.slice(), means, covariances };
}
