// A CommonJS consumer of the installed package: the steps of esm.mjs through require(), printing the
// same JSON.
const { readFileSync } = require('node:fs');
const { relative } = require('node:path');
const { GaussianMixture, ready, selectModel } = require('gmm-wasm');
const slim = require('gmm-wasm/slim');
const X = require('./dataset.json');

async function main() {
  await ready();
  const model = await GaussianMixture.fit(X, { components: 3, seed: 7 });
  const { best, table } = await selectModel(X, { components: [1, 2, 3, 4], seed: 7 });

  const wasm = require.resolve('gmm-wasm/gmm.wasm');
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
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
