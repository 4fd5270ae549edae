// A browser consumer for webpack, Vite, esbuild, `bun build` and Rollup: fits the dataset with the full
// entry and with gmm-wasm/slim, fed the binary's URL as the README's table says to get it from this
// bundler (./wasm-url.js, written by the test from that table), after a URL that is not there, whose
// error must name it and the HTTP status. Shows the results as JSON; `data-status` tells the test
// when it is done.
import { GaussianMixture } from 'gmm-wasm';
import * as slim from 'gmm-wasm/slim';
import X from '../dataset.js';
import wasmUrl from './wasm-url.js';

const output = document.getElementById('result');

async function run() {
  const model = await GaussianMixture.fit(X, { components: 3, seed: 7 });
  const missing = await slim.ready('./no-such.wasm').then(
    () => 'loaded',
    (error) => error.message,
  );
  await slim.ready(wasmUrl);
  const slimModel = await slim.GaussianMixture.fit(X, { components: 3, seed: 7 });
  return {
    labels: Array.from(model.predict(X)),
    logLikelihood: model.logLikelihood,
    slim: { labels: Array.from(slimModel.predict(X)), logLikelihood: slimModel.logLikelihood },
    missing,
  };
}

run().then(
  (result) => {
    output.textContent = JSON.stringify(result);
    output.dataset.status = 'done';
  },
  (error) => {
    output.textContent = String(error?.stack ?? error);
    output.dataset.status = 'failed';
  },
);
