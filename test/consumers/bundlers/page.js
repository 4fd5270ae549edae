// A browser consumer for webpack, esbuild and Rollup: fits the dataset with the full entry and with
// gmm-wasm/slim (fed the binary's URL as the bundler gives it, from ./wasm-url.js), and shows both
// results as JSON; `data-status` tells the test when it is done.
import { GaussianMixture } from 'gmm-wasm';
import * as slim from 'gmm-wasm/slim';
import X from '../dataset.js';
import wasmUrl from './wasm-url.js';

const output = document.getElementById('result');

async function run() {
  const model = await GaussianMixture.fit(X, { components: 3, seed: 7 });
  let slimResult = null;
  if (wasmUrl) {
    await slim.ready(new URL(wasmUrl, location.href));
    const slimModel = await slim.GaussianMixture.fit(X, { components: 3, seed: 7 });
    slimResult = { labels: Array.from(slimModel.predict(X)), logLikelihood: slimModel.logLikelihood };
  }
  return {
    labels: Array.from(model.predict(X)),
    logLikelihood: model.logLikelihood,
    slim: slimResult,
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
