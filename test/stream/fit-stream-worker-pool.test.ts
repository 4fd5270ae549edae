// fitStream's workers seen from the outside: replies that come back out of order change no bit; at
// most two chunks per worker are in flight at once (memory stays bounded); a worker that stops
// rejects the fit at once and the pool stops every worker. Reproduced by reaching into the workers
// the pool starts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GaussianMixture } from '../../src/index';
import type { WorkerHandle } from '../../src/workers/spawn';
import { blobs } from '../helpers';

const started: WorkerHandle[] = [];
const traffic = { inFlight: 0, most: 0, delay: false, seed: 1, overtaken: 0, last: -1 };

vi.mock('../../src/workers/spawn', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/workers/spawn')>();
  return {
    spawnWorker: async () => {
      const handle = await original.spawnWorker();
      started.push(handle);
      return {
        ...handle,
        post: (message, transfer) => {
          if (message.kind === 'chunk') {
            traffic.inFlight++;
            traffic.most = Math.max(traffic.most, traffic.inFlight);
          }
          handle.post(message, transfer);
        },
        onMessage: (listener) =>
          handle.onMessage((message) => {
            if (message.kind !== 'chunk') return listener(message);
            traffic.inFlight--;
            if (!traffic.delay) return listener(message);
            // A pseudo-random delay of 0–4 ms per reply: later chunks often overtake earlier ones.
            traffic.seed = (traffic.seed * 1103515245 + 12345) % 2 ** 31;
            setTimeout(() => {
              if (message.id < traffic.last) traffic.overtaken++;
              traffic.last = Math.max(traffic.last, message.id);
              listener(message);
            }, traffic.seed % 5);
          }),
      } satisfies WorkerHandle;
    },
  };
});

const { X } = blobs(
  3,
  [
    [0, 0],
    [6, 2],
  ],
  2000,
);
const chunks = () => Array.from({ length: 40 }, (_, i) => X.slice(i * 100, (i + 1) * 100));
const START = {
  weights: [0.5, 0.5],
  means: [
    [1, 1],
    [5, 1],
  ],
  covariances: [
    [
      [1, 0],
      [0, 1],
    ],
    [
      [1, 0],
      [0, 1],
    ],
  ],
};
const OPTIONS = { components: 2, seed: 1, init: START, maxIter: 5, tol: 0 };

afterEach(() => {
  started.length = 0;
  Object.assign(traffic, { inFlight: 0, most: 0, delay: false, seed: 1, overtaken: 0, last: -1 });
});

describe('the workers of fitStream', () => {
  it('replies out of order: the same bits as inline; at most two chunks per worker in flight', async () => {
    const inline = await GaussianMixture.fitStream(chunks, OPTIONS);
    traffic.delay = true;
    const pooled = await GaussianMixture.fitStream(chunks, { ...OPTIONS, workers: 3 });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(inline));
    expect(traffic.overtaken).toBeGreaterThan(10);
    expect(traffic.most).toBe(6);
    expect(started).toHaveLength(3);
  }, 30_000);

  it('a worker that exits mid-pass rejects the fit at once, with no hang', async () => {
    let served = 0;
    const source = function* () {
      for (const chunk of chunks()) {
        // In the second pass (the first E-step), once the workers have chunks in hand.
        if (++served === 40 + 10) void started[1]?.terminate();
        yield chunk;
      }
    };
    const fit = GaussianMixture.fitStream(source, { ...OPTIONS, workers: 2, maxIter: 1000 });
    await expect(fit).rejects.toThrow(/^a gmm-wasm worker stopped \(exit code 1\)$/);
    expect(served).toBeLessThan(40 * 3);
  }, 30_000);

  it('the next fitStream with workers works as if the failed one never happened', async () => {
    const inline = await GaussianMixture.fitStream(chunks, OPTIONS);
    const pooled = await GaussianMixture.fitStream(chunks, { ...OPTIONS, workers: 2 });
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(inline));
  }, 30_000);
});
