// A worker that stops answering — it exits, or cannot load its shard — rejects the fit at once and
// the pool stops every worker. Reproduced by reaching into the workers the pool starts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GaussianMixture } from '../src/index';
import type { WorkerHandle } from '../src/workers/spawn';
import { blobs } from './helpers';

const started: WorkerHandle[] = [];
/** A valid module that imports a function no worker provides: instantiating it fails. */
const UNLINKABLE = new WebAssembly.Module(
  new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 7, 1, 1, 120, 1, 121, 0, 0]),
);
const sabotage: { shard: boolean } = { shard: false };

vi.mock('../src/workers/spawn', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/workers/spawn')>();
  return {
    spawnWorker: async () => {
      const handle = await original.spawnWorker();
      started.push(handle);
      return {
        ...handle,
        post: (message, transfer) => {
          // A module that cannot be instantiated: the worker fails while loading its shard.
          if (message.kind === 'shard' && sabotage.shard)
            handle.post({ ...message, module: UNLINKABLE }, transfer);
          else handle.post(message, transfer);
        },
      } satisfies WorkerHandle;
    },
  };
});

const { X } = blobs(
  8,
  [
    [0, 0],
    [6, 2],
  ],
  400,
);

afterEach(() => {
  started.length = 0;
  sabotage.shard = false;
});

describe('failing workers', () => {
  it('a worker that exits mid-fit rejects the fit at once', async () => {
    const fit = GaussianMixture.fit(X, {
      components: 2,
      workers: 2,
      maxIter: 1000,
      tol: 0,
      seed: 1,
      onIteration: ({ iteration }) => {
        if (iteration === 2) void started[1]?.terminate();
      },
    });
    await expect(fit).rejects.toThrow(/^a gmm-wasm worker stopped \(exit code 1\)$/);
  }, 20_000);

  it('a worker that cannot load its shard rejects the start-up at once', async () => {
    sabotage.shard = true;
    const fit = GaussianMixture.fit(X, { components: 2, workers: 1, seed: 1 });
    await expect(fit).rejects.toThrow(/^a gmm-wasm worker could not load its shard of rows: /);
  }, 20_000);

  it('the next fit with workers works as if the failed one never happened', async () => {
    const inline = await GaussianMixture.fit(X, { components: 2, seed: 3 });
    const pooled = await GaussianMixture.fit(X, { components: 2, seed: 3, workers: 2 });
    expect(pooled.iterations).toBe(inline.iterations);
    expect(Math.abs(pooled.logLikelihood - inline.logLikelihood)).toBeLessThan(1e-12);
  }, 20_000);
});
