import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { GaussianMixture } from '../src/index';
import { adjustedRandIndex } from './metrics';
const recs = parse(readFileSync(new URL('./data/iris.csv', import.meta.url)), { columns: true }) as Record<string,string>[];
const feats = ['sepal_length','sepal_width','petal_length','petal_width'];
const X = recs.map((r) => feats.map((f) => Number(r[f])));
const names = [...new Set(recs.map((r) => r.species as string))];
const y = recs.map((r) => names.indexOf(r.species as string));
const mode = process.argv[2];
const configs: [number, number, number, number, number][] = [];
if (mode === 'rates') for (const r of [6, 8, 10, 12]) for (const tol of [1e-3, 1e-4]) configs.push([1e-3, r, tol, 100, 200]);
if (mode === 'reg') for (const reg of [1e-5, 1e-4, 3e-4, 1e-3]) configs.push([reg, 30, 0, 300, 20]);
for (const [reg, restarts, tol, maxIter, seeds] of configs) {
  const aris: number[] = []; let iterTotal = 0; const t = performance.now(); const hist = new Map<string, number>();
  for (let seed = 0; seed < seeds; seed++) {
    const m = await GaussianMixture.fit(X, { components: 3, standardize: true, restarts, regCovar: reg, tol, maxIter, seed, onIteration: () => { iterTotal++; } });
    const a = adjustedRandIndex(y, m.predict(X)); aris.push(a); const k = a.toFixed(3); hist.set(k, (hist.get(k) ?? 0) + 1);
  }
  const bad = aris.filter((a) => a < 0.85).length;
  console.log(`reg=${reg} r=${restarts} tol=${tol} seeds=${seeds} bad=${bad} iter/seed=${(iterTotal/seeds).toFixed(0)} ms/seed=${((performance.now()-t)/seeds).toFixed(1)}`, JSON.stringify([...hist].sort()));
}
