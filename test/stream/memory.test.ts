// fitStream's memory is bounded by its largest chunk, not by the length of the stream: resident
// memory after the first pass stays where it is over a stream a hundred times its largest chunk. Untimed: only sizes are asserted.
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../../src/index';
import { mulberry32 } from '../helpers';

const D = 8;
const CHUNK = 10_000;
const CHUNKS = 100; // 1 M rows, 64 MB of float64 generated on the fly each pass

function* generate(): Generator<{ data: Float64Array; rows: number; cols: number }> {
  const random = mulberry32(17);
  for (let c = 0; c < CHUNKS; c++) {
    const data = new Float64Array(CHUNK * D);
    for (let i = 0; i < CHUNK; i++) {
      // Two uniform clusters: cheap to draw, so the time goes into the fit.
      const shift = i % 2 === 0 ? 0 : 6;
      for (let j = 0; j < D; j++) data[i * D + j] = shift + random();
    }
    yield { data, rows: CHUNK, cols: D };
  }
}

describe('fitStream memory', () => {
  it('resident memory grows by far less than the stream over a long run', async () => {
    const mib = () => process.memoryUsage().rss / 2 ** 20;
    const samples: number[] = [];
    const model = await GaussianMixture.fitStream(generate, {
      components: 2,
      covariance: 'diag',
      seed: 1,
      maxIter: 3,
      tol: 0,
      onIteration: () => samples.push(mib()),
    });
    expect(model.iterations).toBe(3);
    const streamMiB = (CHUNK * CHUNKS * D * 8) / 2 ** 20;
    // After the first iteration every buffer exists; later passes must not add to them.
    const growth = Math.max(...samples) - (samples[0] as number);
    expect(growth).toBeLessThan(streamMiB / 4);
  }, 120_000);
});
