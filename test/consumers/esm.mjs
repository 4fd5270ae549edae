// A Node ESM consumer of the installed package: fits the dataset with the full entry, picks K by BIC,
// then fits again with gmm-wasm/slim fed the package's own gmm.wasm. Prints one line of JSON that
// cjs.cjs must print identically.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GaussianMixture, ready, selectModel } from 'gmm-wasm';
import * as slim from 'gmm-wasm/slim';

const X = JSON.parse(readFileSync(new URL('./dataset.json', import.meta.url), 'utf8'));
await ready();
const model = await GaussianMixture.fit(X, { components: 3, seed: 7 });
const { best, table } = await selectModel(X, { components: [1, 2, 3, 4], seed: 7 });

const wasm = fileURLToPath(import.meta.resolve('gmm-wasm/gmm.wasm'));
await slim.ready(readFileSync(wasm));
const slimModel = await slim.GaussianMixture.fit(X, { components: 3, seed: 7 });

console.log(
  JSON.stringify({
    labels: Array.from(model.predict(X)),
    logLikelihood: model.logLikelihood,
    selected: best.components,
    candidates: table.length,
    slimLabels: Array.from(slimModel.predict(X)),
    wasm: relative(process.cwd(), wasm),
  }),
);
