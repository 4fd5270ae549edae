// A TypeScript consumer of the installed package, typechecked (never run) under nodenext and bundler
// resolution. It only compiles if the published declarations resolve and carry real types.
import {
  type FitOptions,
  GaussianMixture,
  type GaussianMixtureJSON,
  type IterationProgress,
  type SelectionRow,
  selectModel,
} from 'gmm-wasm';
import { ready as readySlim } from 'gmm-wasm/slim';

const X = [
  [0, 1],
  [1, 0],
  [5, 5],
  [6, 5],
];
const progress: IterationProgress[] = [];
const options: FitOptions = {
  components: 2,
  covariance: 'diag',
  seed: 1,
  onIteration: (step) => progress.push(step),
};

const model: GaussianMixture = await GaussianMixture.fit(X, options);
const json: GaussianMixtureJSON = model.toJSON();
const restored: GaussianMixture = GaussianMixture.fromJSON(json);
const labels: Int32Array = restored.predict(X);
const { best, table } = await selectModel(X, { components: [1, 2], covariance: ['full', 'tied'] });
const first: SelectionRow | undefined = table[0];
const bic: number = first?.bic ?? best.bic(X);
const slimReady: Promise<void> = readySlim(new URL('gmm-wasm/gmm.wasm', import.meta.url));

// @ts-expect-error 'banana' is not a covariance type: proves the types are not `any`.
const wrong: FitOptions = { components: 2, covariance: 'banana' };

export { bic, labels, slimReady, wrong };
