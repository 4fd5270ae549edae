/**
 * `npm run bench:memory`: how much WebAssembly memory a large fit takes, and that an input too large
 * for wasm32 fails early with a RangeError that says how many rows would fit.
 *
 * 1. Fits a seeded 1 000 000 × 32, K = 16 full model for 2 iterations; prints the time and the wasm
 *    memory afterwards (it never shrinks, so that is the peak) and the process's resident memory.
 * 2. Offers a 17 000 000 × 32 input (4.05 GiB of float64, more than wasm32's 4 GiB): through
 *    `GaussianMixture.fit` when this machine has the memory for the (never written, so lazily mapped)
 *    array, and always straight to the `WasmData` constructor with a matrix whose `data` throws when
 *    read, which shows the size is checked before a single value is touched.
 * Exits 1 if either input is not refused with that RangeError.
 */

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { GaussianMixture } from '../src/index';
import type { DenseMatrix } from '../src/internal-types';
import { WasmData } from '../src/wasm/data';
import { kernelsSync } from '../src/wasm/load';
import { fixedStart, mixtureDataset } from './dataset';
import { REG_COVAR, SEED } from './grid';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

function wasmBytes(): number {
  return kernelsSync().memory.buffer.byteLength;
}

async function largeFit(): Promise<void> {
  const [rows, cols, components, iterations] = [1_000_000, 32, 16, 2];
  const x = mixtureDataset(SEED, rows, cols, components);
  const start = fixedStart(x, components);
  const began = performance.now();
  const model = await GaussianMixture.fit(x, {
    components,
    init: start.nested,
    maxIter: iterations,
    tol: 0,
    regCovar: REG_COVAR,
  });
  const seconds = (performance.now() - began) / 1000;
  console.log(`${rows} × ${cols}, K = ${components}, full, ${iterations} iterations (tol 0):`);
  console.log(
    `  fit ${seconds.toFixed(2)} s (${((seconds * 1000) / iterations).toFixed(0)} ms/iteration, incl. copy-in and final E-step)`,
  );
  console.log(
    `  X is ${((8 * rows * cols) / MIB).toFixed(0)} MiB of float64; peak wasm memory ${(wasmBytes() / MIB).toFixed(0)} MiB`,
  );
  console.log(
    `  process resident memory ${(process.memoryUsage().rss / MIB).toFixed(0)} MiB; final mean log-likelihood ${model.logLikelihood}`,
  );
}

/** Runs `attempt` and reports whether it threw a RangeError naming how many rows fit. */
async function refused(what: string, attempt: () => unknown): Promise<boolean> {
  const before = wasmBytes();
  const began = performance.now();
  try {
    await attempt();
  } catch (error) {
    const ms = (performance.now() - began).toFixed(0);
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.log(
      `  ${what}: refused after ${ms} ms, wasm memory ${(before / MIB).toFixed(0)} → ${(wasmBytes() / MIB).toFixed(0)} MiB`,
    );
    console.log(`    ${message}`);
    return error instanceof RangeError && /at most \d+ rows fit/.test(error.message);
  }
  console.log(`  ${what}: NOT refused`);
  return false;
}

async function tooLarge(): Promise<boolean> {
  const [rows, cols] = [17_000_000, 32];
  const bytes = 8 * rows * cols;
  console.log(`${rows} × ${cols} float64 = ${(bytes / GIB).toFixed(2)} GiB, more than wasm32's 4 GiB:`);
  let ok = true;
  const spare = os.freemem() - bytes;
  if (spare > 4 * GIB) {
    // Never written, so the OS maps the pages lazily; validation reads them as zeros first.
    const data = new Float64Array(rows * cols);
    ok &&= await refused('GaussianMixture.fit', () =>
      GaussianMixture.fit({ data, rows, cols }, { components: 2, seed: 1, maxIter: 1 }),
    );
  } else {
    console.log(`  GaussianMixture.fit: not tried, only ${(os.freemem() / GIB).toFixed(1)} GiB free`);
  }
  const untouchable = {
    rows,
    cols,
    get data(): Float64Array {
      throw new Error('data was read before the size check');
    },
  } as DenseMatrix;
  ok &&= await refused('new WasmData (data never read)', () => new WasmData(kernelsSync(), untouchable));
  return ok;
}

await largeFit();
if (!(await tooLarge())) {
  console.error('FAIL: an input too large for wasm32 was not refused with the expected RangeError');
  process.exit(1);
}
