/**
 * npm run bench:stream — rows·iterations per second of fitStream beside in-memory fit on the same
 * rows (D = 8 and 32, K = 8, full covariance): chunks from memory (on this thread, and dealt to two
 * workers), chunks read from a binary file on disk; then one run over more rows than wasm32 can hold (generated on the fly), with its peak RSS.
 * Side by side in one process, so the ratios hold on a noisy machine better than the absolute figures.
 * Options: --huge-rows N (default 70 000 000 rows × 8 = 4.5 GB), --skip-huge.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GaussianMixture } from '../src/index';

const ROWS = 200_000;
const CHUNK = 20_000;
const ITERATIONS = 5;
const K = 8;

function generate(rows: number, d: number, seed: number): Float64Array {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const data = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) {
    const centre = (i % K) * 3;
    for (let j = 0; j < d; j++) data[i * d + j] = centre + uniform() + uniform() - 1;
  }
  return data;
}

function chunksOf(data: Float64Array, d: number) {
  return function* () {
    for (let start = 0; start < data.length / d; start += CHUNK) {
      const rows = Math.min(CHUNK, data.length / d - start);
      yield { data: data.subarray(start * d, (start + rows) * d), rows, cols: d };
    }
  };
}

function fileChunks(file: string, rows: number, d: number) {
  return function* () {
    const fd = openSync(file, 'r');
    try {
      const buffer = new Float64Array(CHUNK * d);
      for (let start = 0; start < rows; start += CHUNK) {
        const count = Math.min(CHUNK, rows - start);
        readSync(fd, new Uint8Array(buffer.buffer, 0, count * d * 8), 0, count * d * 8, start * d * 8);
        yield { data: buffer.subarray(0, count * d), rows: count, cols: d };
      }
    } finally {
      closeSync(fd);
    }
  };
}

/** Rows·iterations per second, counting every E-step pass (iterations and the final one). */
async function rate(run: () => Promise<GaussianMixture>): Promise<number> {
  const started = performance.now();
  const model = await run();
  const seconds = (performance.now() - started) / 1000;
  return (ROWS * (model.iterations + 1)) / seconds;
}

async function compare(d: number): Promise<string> {
  const data = generate(ROWS, d, d);
  const init = await GaussianMixture.fit(
    { data: data.subarray(0, 5000 * d), rows: 5000, cols: d },
    { components: K, seed: 1, maxIter: 3 },
  );
  const options = { components: K, init, maxIter: ITERATIONS, tol: 0 };
  const file = join(tmpdir(), `gmm-wasm-bench-${process.pid}-${d}.f64`);
  const fd = openSync(file, 'w');
  writeSync(fd, new Uint8Array(data.buffer));
  closeSync(fd);
  try {
    await GaussianMixture.fit({ data, rows: ROWS, cols: d }, { ...options, maxIter: 1 }); // warm-up
    const memory = await rate(() => GaussianMixture.fit({ data, rows: ROWS, cols: d }, options));
    const stream = await rate(() => GaussianMixture.fitStream(chunksOf(data, d), options));
    const pooled = await rate(() => GaussianMixture.fitStream(chunksOf(data, d), { ...options, workers: 2 }));
    const disk = await rate(() => GaussianMixture.fitStream(fileChunks(file, ROWS, d), options));
    const m = (value: number) => `${(value / 1e6).toFixed(2)} M (${((100 * value) / memory).toFixed(0)} %)`;
    return `| ${ROWS} × ${d}, K = ${K} | ${(memory / 1e6).toFixed(2)} M | ${m(stream)} | ${m(pooled)} | ${m(disk)} |`;
  } finally {
    rmSync(file, { force: true });
  }
}

async function huge(rows: number): Promise<string> {
  const d = 8;
  let peak = 0;
  const source = function* () {
    for (let start = 0; start < rows; start += CHUNK * 5) {
      const count = Math.min(CHUNK * 5, rows - start);
      yield { data: generate(count, d, start + 1), rows: count, cols: d };
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  };
  const started = performance.now();
  const model = await GaussianMixture.fitStream(source, {
    components: K,
    covariance: 'diag',
    seed: 1,
    maxIter: 2,
    tol: 0,
  });
  const seconds = (performance.now() - started) / 1000;
  const gb = (rows * d * 8) / 1e9;
  return (
    `${rows} rows × ${d} (${gb.toFixed(2)} GB of float64, more than wasm32's 4 GiB): K = ${K} diag, ` +
    `${model.iterations} iterations (${model.iterations + 2} passes) in ${seconds.toFixed(0)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`
  );
}

const args = process.argv.slice(2);
const hugeAt = args.indexOf('--huge-rows');
const hugeRows = hugeAt >= 0 ? Number(args[hugeAt + 1]) : 70_000_000;
console.log(
  `gmm-wasm bench:stream, ${new Date().toISOString()} (shared, noisy 2-vCPU machine: compare ratios, not absolutes)`,
);
console.log(`rows·iterations per second, ${ITERATIONS} iterations from one start, chunks of ${CHUNK} rows\n`);
console.log(
  '| data | fit (in memory) | fitStream, chunks in memory | fitStream, chunks in memory, workers: 2 | fitStream, chunks from disk |',
);
console.log('|---|---|---|---|---|');
for (const d of [8, 32]) console.log(await compare(d));
if (!args.includes('--skip-huge')) console.log(`\n${await huge(hugeRows)}`);
