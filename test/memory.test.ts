// Data beyond wasm32's 4 GiB are refused at once, from their shape, before any value is read.
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture, GaussianMixture, selectModel } from '../src/index';
import { expectRejection } from './helpers';

describe('data too large for WebAssembly memory', () => {
  it('are refused with a RangeError that says how many rows fit, without reading the values', async () => {
    const started = performance.now();
    // Eight doubles stand in for 544 million: the check must not get as far as their length.
    await expectRejection(
      GaussianMixture.fit({ data: new Float64Array(8), rows: 17_000_000, cols: 32 }, { components: 2 }),
      RangeError,
      "17000000 rows × 32 columns need 4.05 GiB of WebAssembly memory, more than wasm32's 4 GiB allows; " +
        'at 32 columns at most 15728640 rows fit',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('are refused as early by selectModel and the Bayesian mixture', async () => {
    const started = performance.now();
    const shape = { data: new Float64Array(8), rows: 17_000_000, cols: 32 };
    const message =
      "17000000 rows × 32 columns need 4.05 GiB of WebAssembly memory, more than wasm32's 4 GiB allows; " +
      'at 32 columns at most 15728640 rows fit';
    await expectRejection(selectModel(shape, { components: [1, 2] }), RangeError, message);
    await expectRejection(BayesianGaussianMixture.fit(shape, { components: 2 }), RangeError, message);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("count 4 bytes a value for precision: 'float32', which holds twice the rows", async () => {
    // 17 million rows of 32 floats take 2.03 GiB: past the shape check, refused only for their length.
    await expectRejection(
      GaussianMixture.fit(
        { data: new Float32Array(8), rows: 17_000_000, cols: 32 },
        { components: 2, precision: 'float32' },
      ),
      RangeError,
      'X.data has length 8, expected rows × cols = 17000000×32 = 544000000',
    );
    await expectRejection(
      GaussianMixture.fit(
        { data: new Float32Array(8), rows: 34_000_000, cols: 32 },
        { components: 2, precision: 'float32' },
      ),
      RangeError,
      "34000000 rows × 32 columns need 4.05 GiB of WebAssembly memory, more than wasm32's 4 GiB allows; " +
        'at 32 columns at most 31457280 rows fit',
    );
  });

  it('leave the library working for the next fit', async () => {
    const model = await GaussianMixture.fit([[0], [1], [10], [11]], { components: 2, seed: 1 });
    expect(Array.from(model.predict([[0], [11]]))).toHaveLength(2);
  });
});
