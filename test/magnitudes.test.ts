// Magnitudes across the range of doubles: sample weights far from 1, data near under- and overflow,
// and a flat input overwritten while the fit runs.
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
import { blobs } from './helpers';

const { X } = blobs(
  12,
  [
    [0, 0],
    [7, 1],
    [3, 8],
  ],
  80,
);
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('magnitudes', () => {
  it.each([1e-20, 1e-300, 1e20, 1e300])(
    'uniform sample weights of %d fit what weights of 1 fit',
    async (w) => {
      const options = { components: 3, seed: 4, tol: 0, maxIter: 40 } as const;
      const ones = await GaussianMixture.fit(X, { ...options, sampleWeight: X.map(() => 1) });
      const scaled = await GaussianMixture.fit(X, { ...options, sampleWeight: X.map(() => w) });
      expect(relative(scaled.logLikelihood, ones.logLikelihood)).toBeLessThan(1e-12);
      scaled.means.flat().forEach((value, i) => {
        expect(relative(value, ones.means.flat()[i] as number)).toBeLessThan(1e-10);
      });
    },
  );

  it.each([1e-150, 1e-300, 1e150, 1e-320])(
    'data scaled by %d fit with finite outputs, or fail naming the cause',
    async (scale) => {
      const scaled = X.map((row) => row.map((value) => value * scale));
      for (const standardize of [false, true]) {
        let model: GaussianMixture | undefined;
        try {
          model = await GaussianMixture.fit(scaled, { components: 3, seed: 4, standardize });
        } catch (error) {
          expect((error as Error).message).toMatch(/rescale|standardize|regCovar/);
          continue;
        }
        for (const value of [
          model.logLikelihood,
          ...model.weights,
          ...model.means.flat(),
          ...model.covariances.flat(2),
        ])
          expect(Number.isFinite(value)).toBe(true);
        const again = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model)));
        expect(again.logLikelihood).toBe(model.logLikelihood);
      }
    },
  );

  it('standardize keeps the shape of data of 1e-200 (it does not take their spread for a constant)', async () => {
    const tiny = X.map((row) => row.map((value) => value * 1e-200));
    const model = await GaussianMixture.fit(tiny, { components: 3, seed: 4, standardize: true });
    const plain = await GaussianMixture.fit(X, { components: 3, seed: 4, standardize: true });
    expect(
      relative(model.means.flat()[0] as number, (plain.means.flat()[0] as number) * 1e-200),
    ).toBeLessThan(1e-6);
  });

  it('a flat Float64Array overwritten after fit() returns its promise does not change the result', async () => {
    const flat = Float64Array.from(X.flat());
    const input = { data: flat, rows: X.length, cols: 2 };
    const options = { components: 3, seed: 9, restarts: 3, init: 'random', maxIter: 30 } as const;
    const expected = await GaussianMixture.fit({ ...input, data: flat.slice() }, options);
    const pending = GaussianMixture.fit(input, options);
    flat.fill(1e6);
    const model = await pending;
    expect(model.logLikelihood).toBe(expected.logLikelihood);
    expect(model.means).toEqual(expected.means);
  });
});
