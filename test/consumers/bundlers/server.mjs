// A Node server bundled by webpack (`target: 'node'`): fits the dataset inline and with two
// workers, and prints both results as one line of JSON.
import { GaussianMixture } from 'gmm-wasm';
import X from '../dataset.js';

const inline = await GaussianMixture.fit(X, { components: 3, seed: 7 });
const pooled = await GaussianMixture.fit(X, { components: 3, seed: 7, workers: 2 });
console.log(
  JSON.stringify({
    labels: Array.from(inline.predict(X)),
    logLikelihood: inline.logLikelihood,
    pooledLabels: Array.from(pooled.predict(X)),
    pooledLogLikelihood: pooled.logLikelihood,
  }),
);
