/**
 * Cold start in Node: `import('gmm-wasm')` → the first small fit done, in fresh processes (each
 * process compiles the module anew; nothing is cached between them). Runs the built bundle
 * dist/index.js 10 times, one process after the other, and prints each time and the median, with
 * what the import and the first fit took apart. Usage: npm run build && npm run bench:cold-start
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNS = 10;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What each fresh process runs: times in ms from just before the import. */
const CHILD = `
const start = performance.now();
const { GaussianMixture } = await import('./dist/index.js');
const imported = performance.now();
const X = Array.from({ length: 200 }, (_, i) => [(i % 2) * 6 + Math.sin(i), Math.cos(i * 1.7)]);
await GaussianMixture.fit(X, { components: 2, seed: 1 });
const fitted = performance.now();
console.log(JSON.stringify({ total: fitted - start, importMs: imported - start, fitMs: fitted - imported, sinceProcessStart: fitted }));
`;

interface Sample {
  total: number;
  importMs: number;
  fitMs: number;
  sinceProcessStart: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const samples: Sample[] = [];
for (let run = 0; run < RUNS; run++) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  samples.push(JSON.parse(out) as Sample);
}
const f = (x: number) => x.toFixed(1);
for (const [i, s] of samples.entries()) {
  console.log(
    `run ${i + 1}: import → first fit ${f(s.total)} ms (import ${f(s.importMs)}, fit ${f(s.fitMs)}; ` +
      `${f(s.sinceProcessStart)} ms since the process started)`,
  );
}
console.log(
  `median of ${RUNS} fresh processes (Node ${process.version}): import → first fit of 200 × 2, K = 2: ` +
    `${f(median(samples.map((s) => s.total)))} ms (import ${f(median(samples.map((s) => s.importMs)))}, ` +
    `fit ${f(median(samples.map((s) => s.fitMs)))}; ${f(median(samples.map((s) => s.sinceProcessStart)))} ms ` +
    'since process start)',
);
