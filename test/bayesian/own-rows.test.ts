// The Bayesian fit works on its own copy of a flat input, as GaussianMixture.fit does: writing to the
// caller's array while the fit runs changes nothing.
import { expect, it } from 'vitest';
import { BayesianGaussianMixture } from '../../src/index';
import { blobs } from '../helpers';

it("a flat input overwritten while the Bayesian fit runs leaves the fit's result as it was", async () => {
  const { X } = blobs(
    3,
    [
      [0, 0],
      [6, 0],
    ],
    200,
  );
  const flat = () => ({ data: Float64Array.from(X.flat()), rows: X.length, cols: 2 });
  const options = { components: 3, seed: 5, init: 'kmeans' as const };
  const expected = (await BayesianGaussianMixture.fit(flat(), options)).toJSON();
  const given = flat();
  const running = BayesianGaussianMixture.fit(given, options);
  given.data.fill(0);
  expect((await running).toJSON()).toEqual(expected);
});
