/**
 * Seeded benchmark data: a mixture of Gaussians with random full covariances, and one fixed EM start
 * given in both the public API's nested form and the flat form of the plain reference EM.
 */

import { writeFileSync } from 'node:fs';
import type { InitParameters } from '../src/index';
import { mulberry32, standardNormal } from '../test/random';
import type { PlainParameters } from '../test/reference/em';

/** Row-major N×D points; also a valid `FlatMatrix` for `GaussianMixture.fit`. */
export interface Dataset {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

function at(values: ArrayLike<number>, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} is outside 0..${values.length - 1}`);
  return value;
}

/**
 * Draws `rows` points in `cols` dimensions from a mixture of `components` Gaussians.
 *
 * Each component has a mean with N(0, 4²) coordinates, unequal weight, and covariance L·Lᵀ for a random
 * lower-triangular L (diagonal in [0.5, 1.5], off-diagonal N(0, 0.5²)), so the covariances are full.
 * The same seed always gives the same data.
 */
export function mixtureDataset(seed: number, rows: number, cols: number, components: number): Dataset {
  const random = mulberry32(seed);
  const means = Float64Array.from({ length: components * cols }, () => 4 * standardNormal(random));
  const factors = new Float64Array(components * cols * cols);
  for (let c = 0; c < components; c++) {
    for (let i = 0; i < cols; i++) {
      for (let j = 0; j < i; j++) factors[(c * cols + i) * cols + j] = 0.5 * standardNormal(random);
      factors[(c * cols + i) * cols + i] = 0.5 + random();
    }
  }
  const cumulative = new Float64Array(components);
  let total = 0;
  for (let c = 0; c < components; c++) {
    total += 0.5 + random();
    cumulative[c] = total;
  }

  const data = new Float64Array(rows * cols);
  const z = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const u = random() * total;
    let c = 0;
    while (c < components - 1 && u >= at(cumulative, c)) c++;
    for (let j = 0; j < cols; j++) z[j] = standardNormal(random);
    for (let i = 0; i < cols; i++) {
      let value = at(means, c * cols + i);
      for (let j = 0; j <= i; j++) value += at(factors, (c * cols + i) * cols + j) * at(z, j);
      data[r * cols + i] = value;
    }
  }
  return { data, rows, cols };
}

/** One EM start in both forms; the two describe exactly the same parameters. */
export interface BenchStart {
  readonly nested: InitParameters;
  readonly flat: PlainParameters;
}

/**
 * The fixed start: weights 1/K, means = K data rows spread evenly through X, every covariance the
 * diagonal matrix of the per-feature (population) variance of X.
 */
export function fixedStart(x: Dataset, components: number): BenchStart {
  const { rows, cols } = x;
  const featureMean = new Float64Array(cols);
  const featureVariance = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) featureMean[j] = at(featureMean, j) + at(x.data, r * cols + j) / rows;
  }
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const deviation = at(x.data, r * cols + j) - at(featureMean, j);
      featureVariance[j] = at(featureVariance, j) + (deviation * deviation) / rows;
    }
  }

  const weights = new Float64Array(components).fill(1 / components);
  const means = new Float64Array(components * cols);
  const covariances = new Float64Array(components * cols * cols);
  for (let c = 0; c < components; c++) {
    const row = Math.floor(((c + 0.5) * rows) / components);
    for (let j = 0; j < cols; j++) means[c * cols + j] = at(x.data, row * cols + j);
    for (let j = 0; j < cols; j++) covariances[(c * cols + j) * cols + j] = at(featureVariance, j);
  }

  const nested: InitParameters = {
    weights: Array.from(weights),
    means: Array.from({ length: components }, (_, c) => Array.from(means.subarray(c * cols, (c + 1) * cols))),
    covariances: Array.from({ length: components }, (_, c) =>
      Array.from({ length: cols }, (_, i) =>
        Array.from(covariances.subarray((c * cols + i) * cols, (c * cols + i + 1) * cols)),
      ),
    ),
  };
  return { nested, flat: { weights, means, covariances } };
}

/** Writes the rows as a headerless CSV, the form R's `read.csv(path, header = FALSE)` reads. */
export function writeCsv(path: string, x: Dataset): void {
  const lines: string[] = [];
  for (let r = 0; r < x.rows; r++)
    lines.push(Array.from(x.data.subarray(r * x.cols, (r + 1) * x.cols)).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}
