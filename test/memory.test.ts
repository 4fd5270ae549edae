// Data beyond wasm32's 4 GiB are refused at once, from their shape, before any value is read.
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';
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

  it('leave the library working for the next fit', async () => {
    const model = await GaussianMixture.fit([[0], [1], [10], [11]], { components: 2, seed: 1 });
    expect(Array.from(model.predict([[0], [11]]))).toHaveLength(2);
  });
});
