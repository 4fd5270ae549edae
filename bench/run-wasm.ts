/**
 * gmm-wasm through its public API: `GaussianMixture.fit` on the flat data with the fixed start, so a
 * fit's time includes validation, one copy of X into wasm memory and the final E-step.
 */

import { GaussianMixture, type InitParameters } from '../src/index';
import { kernelsSync } from '../src/wasm/load';
import type { Problem } from './problem';
import { type Measurement, timed, timeFits } from './timing';

function rowsOf(flat: Float64Array, rows: number, cols: number): Float64Array[] {
  return Array.from({ length: rows }, (_, r) => flat.subarray(r * cols, (r + 1) * cols));
}

/** The start in the API's nested form; diagonal covariances in their compact K×D form. */
function startOf(p: Problem): InitParameters {
  const { cols: d, components: k } = p;
  const covariances =
    p.covariance === 'diag'
      ? rowsOf(p.variances, k, d)
      : Array.from({ length: k }, (_, c) => rowsOf(p.covariances.subarray(c * d * d, (c + 1) * d * d), d, d));
  return { weights: p.weights, means: rowsOf(p.means, k, d), covariances };
}

async function fitOnce(p: Problem, init: InitParameters, iterations: number): Promise<number> {
  const model = await GaussianMixture.fit(
    { data: p.x, rows: p.rows, cols: p.cols },
    {
      components: p.components,
      covariance: p.covariance,
      init,
      maxIter: iterations,
      tol: 0,
      regCovar: p.regCovar,
    },
  );
  if (model.iterations !== iterations) {
    throw new Error(`gmm-wasm ran ${model.iterations} iterations, expected ${iterations}`);
  }
  return model.logLikelihood;
}

/**
 * Warms up with a 2-iteration fit, then times fits of T iterations. This process fits nothing else,
 * so the wasm memory afterwards (it never shrinks) is this shape's peak.
 */
export async function measureWasm(p: Problem): Promise<Measurement> {
  const init = startOf(p);
  await fitOnce(p, init, 2);
  const result = await timeFits(
    p,
    () => undefined,
    () => fitOnce(p, init, p.iterations),
  );
  return timed(result, result.last, {
    peakWasmBytes: kernelsSync().memory.buffer.byteLength,
    note: 'fit time / T: includes validation, one copy-in of X and the final E-step',
  });
}
