// A fit of a large Float32Array makes no Float64Array of the whole data on the JavaScript heap:
// its rows go from the caller's f32 (or the fit's own f32 copy of them) straight into WebAssembly
// memory. Measured with `process.memoryUsage().arrayBuffers`, the bytes held by ArrayBuffers.
// Alone in its file, so that this process runs nothing else while it measures.
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/index';

const ROWS = 2_000_000;
const COLS = 8;
/** 64 000 000 bytes of f32; a Float64Array of the same values would take 128 000 000. */
const INPUT_BYTES = ROWS * COLS * 4;

describe('a fit of a Float32Array', () => {
  it('grows the ArrayBuffers by the fit’s own f32 copy, not by a Float64Array twice its size', async () => {
    // The bound below counts JavaScript ArrayBuffers only: V8 keeps WebAssembly memory apart from
    // them (it reserves the whole wasm32 space up front), so the rows copied into the module do
    // not count. Checked here, since a runtime that counted them would need another bound.
    const probe = new WebAssembly.Memory({ initial: 1, maximum: 1024 });
    const beforeProbe = process.memoryUsage().arrayBuffers;
    probe.grow(512); // 32 MiB
    expect(process.memoryUsage().arrayBuffers - beforeProbe).toBeLessThan(2 ** 20);

    const data = new Float32Array(ROWS * COLS);
    for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 1000) / 100 + (i % 16 < 8 ? 0 : 20);
    // Load the module and run a small fit first, so that the measurement sees only this one.
    await GaussianMixture.fit([[0], [1], [5], [6]], { components: 2 });
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const model = await GaussianMixture.fit(
      { data, rows: ROWS, cols: COLS },
      {
        components: 2,
        precision: 'float32',
        init: 'random-from-data',
        maxIter: 2,
        tol: 0,
        seed: 1,
        // Sampled mid-fit, while everything the fit holds is alive.
        onIteration: () => {
          peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline);
        },
      },
    );
    expect(model.iterations).toBe(2);
    // What the fit holds on the JavaScript heap: its own copy of the rows (the caller could overwrite
    // theirs mid-fit), f32 like them: INPUT_BYTES; the start's row labels, an Int32Array of ROWS
    // (8 MB); parameters and per-chunk buffers of a few kilobytes. A widened copy (as before) would
    // have been 2 × INPUT_BYTES = 128 MB on its own. 1.25 × INPUT_BYTES = 80 MB lies between.
    expect(peak).toBeGreaterThanOrEqual(INPUT_BYTES);
    expect(peak).toBeLessThan(1.25 * INPUT_BYTES);
  });
});
