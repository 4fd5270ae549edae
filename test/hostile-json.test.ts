/**
 * Saved models that once loaded into something broken, or broke the loader: non-finite and
 * overflowing fields, derived quantities that overflow, shapes that ask for absurd allocations,
 * and values too large to quote. Each is refused with a short, exact message.
 */
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { rejectsJSON as rejects, SAVED, type Saved, savedModel, savedWith } from './saved-models';

const DIAG = savedModel('diag');
const STANDARDIZED_DIAG = savedModel('diag', true);
const z = (j: Saved) => j.standardization as { mean: number[]; scale: number[] };

describe('non-finite and overflowing fields', () => {
  rejects([
    [
      'an infinite logLikelihood',
      { ...SAVED, logLikelihood: Infinity },
      RangeError,
      'logLikelihood must be a finite number, got Infinity',
    ],
    [
      'a −∞ logLikelihood',
      { ...SAVED, logLikelihood: -Infinity },
      RangeError,
      'logLikelihood must be a finite number, got -Infinity',
    ],
    [
      'iterations of 2^53 (once an engine message about a typed array length)',
      { ...SAVED, iterations: 2 ** 53 },
      RangeError,
      'iterations must be at most 2^53 − 1, got 9007199254740992',
    ],
    [
      'iterations of 2^53 − 1 with a short history (never allocated)',
      { ...SAVED, iterations: 2 ** 53 - 1 },
      RangeError,
      'history has 3 entries, expected 9007199254740992',
    ],
    [
      'components of 2^32 (once an array buffer allocation failure)',
      { ...SAVED, components: 2 ** 32 },
      RangeError,
      'weights has 3 entries, expected 4294967296',
    ],
    [
      'a subnormal variance, whose precision overflows',
      savedWith((j) => {
        (j.covariances as number[][])[1] = [5e-324, 1, 1];
      }, DIAG),
      RangeError,
      'covariances[1][0] (5e-324) is too small: its precision 1/σ² overflows',
    ],
    [
      'standardization scales that overflow the covariances',
      savedWith((j) => {
        z(j).scale = [1e200, 1, 1];
      }, STANDARDIZED_DIAG),
      RangeError,
      "covariances overflow in the data's units (scale² × covariance, entry 0 of the compact form)",
    ],
    [
      'means that overflow in the data’s units',
      savedWith((j) => {
        z(j).scale = [1e300, 1, 1];
        (j.means as number[][])[1] = [1e10, 1, -2];
      }, STANDARDIZED_DIAG),
      RangeError,
      "means[1][0] overflows in the data's units (standardization.mean + scale × mean)",
    ],
  ]);
});

describe('messages quote a short prefix of a bad value', () => {
  const huge = 'x'.repeat(10_000_000);
  rejects([
    [
      'a 10 MB format string',
      { ...SAVED, format: huge },
      RangeError,
      `format must be 'gmm-wasm', got '${'x'.repeat(40)}…' (10000000 characters)`,
    ],
    [
      'a 10 MB string as a weight',
      savedWith((j) => {
        (j.weights as unknown[])[0] = huge;
      }),
      TypeError,
      `weights[0] must be a finite number, got '${'x'.repeat(40)}…' (10000000 characters)`,
    ],
  ]);
});

describe('compact storage', () => {
  it('a diagonal model of 4 000 features loads without building K × D × D matrices, and reads back', () => {
    const d = 4000;
    const k = 3;
    const json = {
      ...DIAG,
      features: d,
      means: Array.from({ length: k }, (_, c) => Array.from({ length: d }, (_, j) => c + j / d)),
      covariances: Array.from({ length: k }, (_, c) =>
        Array.from({ length: d }, (_, j) => 1 + ((c + j) % 7) / 10),
      ),
    };
    const started = performance.now();
    const model = GaussianMixture.fromJSON(json);
    const x = [json.means[1] as number[]];
    const labels = model.predict(x);
    const sample = model.sample(2, { seed: 1 });
    const elapsed = performance.now() - started;
    expect(Array.from(labels)).toEqual([1]);
    expect(sample.X[0]).toHaveLength(d);
    expect(JSON.stringify(model)).toBe(JSON.stringify(json));
    // K × D × D doubles would be 384 MB: seconds of work, where the compact model takes milliseconds.
    expect(elapsed).toBeLessThan(3000);
  }, 30_000);

  it.each(['full', 'tied', 'diag', 'spherical'] as const)(
    '%s: covariances built on access equal the saved compact ones, in the data’s units',
    (covariance) => {
      const model = GaussianMixture.fromJSON(savedModel(covariance, true));
      const json = model.toJSON();
      expect(GaussianMixture.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
      const scale = [2, 0.5, 3];
      const compact = savedModel(covariance, true).covariances as unknown;
      const entry = (c: number, j: number, l: number): number => {
        if (covariance === 'full') return (compact as number[][][])[c]?.[j]?.[l] as number;
        if (covariance === 'tied') return (compact as number[][])[j]?.[l] as number;
        if (j !== l) return 0;
        return covariance === 'diag'
          ? ((compact as number[][])[c]?.[j] as number)
          : ((compact as number[])[c] as number);
      };
      for (let c = 0; c < 3; c++)
        for (let j = 0; j < 3; j++)
          for (let l = 0; l < 3; l++)
            expect(model.covariances[c]?.[j]?.[l]).toBe(
              entry(c, j, l) * ((scale[j] as number) * (scale[l] as number)),
            );
    },
  );
});
