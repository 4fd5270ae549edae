import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { GaussianMixture } from '../src/index';
import { adjustedRandIndex } from './metrics';
const recs = parse(readFileSync(new URL('./data/iris.csv', import.meta.url)), { columns: true }) as Record<string,string>[];
const feats = ['sepal_length','sepal_width','petal_length','petal_width'];
const X = recs.map((r) => feats.map((f) => Number(r[f])));
const names = [...new Set(recs.map((r) => r.species as string))];
const y = recs.map((r) => names.indexOf(r.species as string));
for (const [tol, maxIter] of [[1e-3, 100], [1e-4, 100], [1e-5, 1000], [0, 500]] as const) {
  let good = 0, its = 0;
  for (let seed = 0; seed < 300; seed++) {
    const m = await GaussianMixture.fit(X, { components: 3, standardize: true, restarts: 1, regCovar: 1e-3, tol, maxIter, seed });
    if (adjustedRandIndex(y, m.predict(X)) > 0.85) good++; its += m.iterations;
  }
  console.log(tol, maxIter, 'single-run success', (good / 300).toFixed(3), 'mean iters', (its / 300).toFixed(1));
}
