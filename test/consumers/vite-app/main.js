// A browser consumer bundled by Vite: fits the dataset on load (the options of esm.mjs) and shows the
// labels and log-likelihood as JSON; `data-status` tells the test when it is done.
import { GaussianMixture } from 'gmm-wasm';
import X from '../dataset.json';

const output = document.getElementById('result');
GaussianMixture.fit(X, { components: 3, seed: 7 }).then(
  (model) => {
    output.textContent = JSON.stringify({
      labels: Array.from(model.predict(X)),
      logLikelihood: model.logLikelihood,
    });
    output.dataset.status = 'done';
  },
  (error) => {
    output.textContent = String(error?.stack ?? error);
    output.dataset.status = 'failed';
  },
);
