/**
 * Exact draws from a mixture: a component by weight, then μ + L·z with L·Lᵀ = Σ and z standard
 * normal, from the library's own seeded generator (the same draws in every runtime).
 */
import { readingOption } from './errors';
import type { OriginalParameters, SamplingFactor } from './original-units';
import { Random, randomSeed } from './random';
import { describeKind } from './validate/index';
import { readSeed } from './validate/seed';

/**
 * `model.sample(n, { seed })`: n draws from the mixture of `weights` whose parameters in the user's
 * units are `original`, seeded like `fit` (a random seed when absent).
 * @throws TypeError when n or the seed is not a number; RangeError when n is not an integer ≥ 1 or
 *   the seed is not a 32-bit unsigned integer.
 */
export function sampleMixture(
  weights: Float64Array,
  original: OriginalParameters,
  n: number,
  options: { seed?: number },
): { X: Float64Array[]; labels: Int32Array } {
  if (typeof n !== 'number') throw new TypeError(`n must be a number, got ${describeKind(n)}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  const seed = readingOption('seed', () => readSeed(options.seed ?? randomSeed()));
  const factors = Array.from({ length: original.k }, (_, c) => original.samplingFactor(c));
  return drawSamples(weights, original.means, factors, n, seed);
}

/**
 * n rows drawn from the mixture of `weights`, `means` (K×D, the user's units) and each component's
 * sampling factor.
 *
 * @returns n rows of D values and the component each was drawn from.
 */
export function drawSamples(
  weights: Float64Array,
  means: Float64Array,
  factors: readonly SamplingFactor[],
  n: number,
  seed: number,
): { X: Float64Array[]; labels: Int32Array } {
  const d = means.length / weights.length;
  const random = new Random(seed);
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = drawComponent(weights, random.uniform());
    labels[i] = c;
    const factor = factors[c] as SamplingFactor;
    for (let j = 0; j < d; j++) z[j] = random.normal();
    if ('diagonal' in factor) {
      const root = factor.diagonal;
      for (let j = 0; j < d; j++)
        data[i * d + j] = (means[c * d + j] as number) + (root[j] as number) * (z[j] as number);
      continue;
    }
    const lower = factor.lower;
    for (let j = 0; j < d; j++) {
      let value = means[c * d + j] as number;
      for (let t = 0; t <= j; t++) value += (lower[j * d + t] as number) * (z[t] as number);
      data[i * d + j] = value;
    }
  }
  return { X: Array.from({ length: n }, (_, i) => data.subarray(i * d, (i + 1) * d)), labels };
}

/** The component whose cumulative weight first exceeds u ∈ [0, 1). */
function drawComponent(weights: Float64Array, u: number): number {
  let cumulative = 0;
  for (let c = 0; c < weights.length - 1; c++) {
    cumulative += weights[c] as number;
    if (u < cumulative) return c;
  }
  return weights.length - 1;
}
