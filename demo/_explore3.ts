import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { GaussianMixture } from '../src/index';
import { adjustedRandIndex } from './metrics';
const recs = parse(readFileSync(new URL('./data/iris.csv', import.meta.url)), { columns: true }) as Record<string,string>[];
const feats = ['sepal_length','sepal_width','petal_length','petal_width'];
const X = recs.map((r) => feats.map((f) => Number(r[f])));
const names = [...new Set(recs.map((r) => r.species as string))];
const y = recs.map((r) => names.indexOf(r.species as string));
const [tol, restarts] = [Number(process.argv[2]), Number(process.argv[3])];
for (let seed = 0; seed < 200; seed++) {
  const m = await GaussianMixture.fit(X, { components: 3, standardize: true, restarts, regCovar: 1e-3, tol, maxIter: 100, seed });
  const a = adjustedRandIndex(y, m.predict(X));
  if (a < 0.85) {
    const per: string[] = [];
    for (let r = 0; r < restarts; r++) {
      let last = 0, its = 0;
      const mm = await GaussianMixture.fit(X, { components: 3, standardize: true, restarts: r + 1, regCovar: 1e-3, tol, maxIter: 100, seed, onIteration: (p) => { if (p.restart === r) { last = p.logLikelihood; its = p.iteration; } } });
      per.push(`${last.toFixed(4)}/${its}`);
      void mm;
    }
    console.log(seed, a.toFixed(3), m.logLikelihood.toFixed(4), m.iterations, m.converged, per.join(' '));
  }
}
