/**
 * The degeneracy checks of axis-aligned covariances read K×D numbers, not K full D×D matrices: they
 * must flag exactly what the general checks (an eigen-decomposition and a Cholesky factor per
 * component) flag on the same covariances written out as full matrices.
 */
import { describe, expect, it } from 'vitest';
import { COVARIANCE_MODELS } from '../src/covariance/index';
import { degenerateComponents, firstSingular, HELD_FACTOR } from '../src/em/degenerate';
import type { CovarianceType } from '../src/types';
import { mulberry32 } from './helpers';

const REG = 1e-6;
const full = COVARIANCE_MODELS.full;

/** K components on D features: some sound, some held up by regCovar in one feature, some singular. */
function mixture(seed: number, k: number, d: number) {
  const random = mulberry32(seed);
  const weights = new Float64Array(k).fill(1 / k);
  const means = Float64Array.from({ length: k * d }, () => 20 * random());
  const variances = Float64Array.from({ length: k * d }, () => 0.5 + random());
  for (let c = 0; c < k; c++) {
    const kind = c % 4;
    const j = Math.floor(random() * d);
    // 1: the data give less than HELD_FACTOR·regCovar in feature j; 2: a pivot ratio below √ε; 3: zero.
    if (kind === 1) variances[c * d + j] = REG * (1 + HELD_FACTOR / 2);
    if (kind === 2) variances[c * d + j] = 1e-18;
    if (kind === 3) variances[c * d + j] = 0;
  }
  return { weights, means, variances };
}

/** The same covariances as K full D×D matrices. */
function asFull(variances: Float64Array, k: number, d: number): Float64Array {
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++) out[c * d * d + j * d + j] = variances[c * d + j] as number;
  return out;
}

describe('axis-aligned covariances are checked in compact form', () => {
  it.each<CovarianceType>(['diag', 'VVI', 'EEI', 'VEI', 'EVI'])(
    '%s flags what the full checks flag',
    (type) => {
      const model = COVARIANCE_MODELS[type];
      for (let seed = 0; seed < 20; seed++) {
        const k = 1 + (seed % 8);
        const d = 1 + (seed % 5);
        const { weights, means, variances } = mixture(seed, k, d);
        // Enough rows that none is flagged for its count alone.
        const context = { d, regCovar: REG, totalWeight: 1e6 };
        const compact = degenerateComponents(
          { weights, means, covariances: variances },
          { ...context, model },
        );
        const expected = degenerateComponents(
          { weights, means, covariances: asFull(variances, k, d) },
          { ...context, model: full },
        );
        expect(compact).toEqual(expected);
        expect(firstSingular({ weights, means, covariances: variances }, model, d)).toBe(
          firstSingular({ weights, means, covariances: asFull(variances, k, d) }, full, d),
        );
        if (k >= 4) expect(compact.length).toBeGreaterThan(0);
      }
    },
  );

  it.each<CovarianceType>(['spherical', 'VII', 'EII'])('%s flags what the full checks flag', (type) => {
    const model = COVARIANCE_MODELS[type];
    const d = 3;
    const weights = new Float64Array([0.25, 0.25, 0.25, 0.25]);
    const means = Float64Array.from({ length: 12 }, (_, i) => (i * 7) % 11);
    const spherical = new Float64Array([1, REG * 2, 1e-20, 0.3]);
    const variances = Float64Array.from({ length: 12 }, (_, i) => spherical[Math.floor(i / d)] as number);
    const context = { d, regCovar: REG, totalWeight: 1e6 };
    const compact = degenerateComponents({ weights, means, covariances: spherical }, { ...context, model });
    expect(compact).toEqual(
      degenerateComponents(
        { weights, means, covariances: asFull(variances, 4, d) },
        { ...context, model: full },
      ),
    );
    expect(compact).toEqual([1, 2]);
  });
});
