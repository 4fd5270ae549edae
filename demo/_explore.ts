import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { GaussianMixture } from '../src/index';
import { adjustedRandIndex } from './metrics';
const recs = parse(readFileSync(new URL('./data/iris.csv', import.meta.url)), { columns: true }) as Record<string,string>[];
const feats = ['sepal_length','sepal_width','petal_length','petal_width'];
const X = recs.map((r) => feats.map((f) => Number(r[f])));
const names = [...new Set(recs.map((r) => r.species as string))];
const y = recs.map((r) => names.indexOf(r.species as string));
const configs: [number, number, number, number][] = [];
for (const reg of [1e-6, 1e-3]) for (const r of [10, 30]) for (const tol of [1e-3, 1e-5, 0]) configs.push([reg, r, tol, tol === 0 ? 300 : 1000]);
for (const [reg, restarts, tol, maxIter] of configs) {
  const aris: number[] = []; let its = 0; const t = performance.now(); let iterTotal = 0;
  for (let seed = 0; seed < 20; seed++) {
    const m = await GaussianMixture.fit(X, { components: 3, standardize: true, restarts, regCovar: reg, tol, maxIter, seed, onIteration: () => { iterTotal++; } });
    aris.push(adjustedRandIndex(y, m.predict(X))); its += m.iterations;
  }
  const bad = aris.filter((a) => a < 0.85).length;
  console.log(`reg=${reg} r=${restarts} tol=${tol} min=${Math.min(...aris).toFixed(3)} bad=${bad} meanIt(kept)=${(its/20).toFixed(1)} totalIter/seed=${(iterTotal/20).toFixed(0)} ms=${(performance.now()-t).toFixed(0)}`);
}
