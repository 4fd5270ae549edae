import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { GaussianMixture } from '../src/index';
import { adjustedRandIndex } from './metrics';
const recs = parse(readFileSync(new URL('./data/iris.csv', import.meta.url)), { columns: true }) as Record<string,string>[];
const feats = ['sepal_length','sepal_width','petal_length','petal_width'];
const X = recs.map((r) => feats.map((f) => Number(r[f])));
const names = [...new Set(recs.map((r) => r.species as string))];
const y = recs.map((r) => names.indexOf(r.species as string));
const R = 16;
for (let seed = 0; seed < 20; seed++) {
  const last: number[] = [];
  const m = await GaussianMixture.fit(X, { components: 3, standardize: true, restarts: R, regCovar: 1e-3, seed, onIteration: (p) => { last[p.restart] = p.logLikelihood; } });
  const best = Math.max(...last);
  const marks = last.map((v) => (v > best - 0.01 ? 'G' : '.')).join('');
  const cum = (r: number) => marks.slice(0, r).split('').filter((c) => c === 'G').length;
  console.log(String(seed).padStart(2), adjustedRandIndex(y, m.predict(X)).toFixed(3), best.toFixed(4), marks, 'good in first 8/10/12:', cum(8), cum(10), cum(12));
}
