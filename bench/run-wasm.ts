/**
 * gmm-wasm through its public API: `GaussianMixture.fit` on the flat data with the fixed start, so a
 * fit's time includes validation, one copy of X into wasm memory and the final E-step.
 */

import { GaussianMixture, type InitParameters } from '../src/index';
import { kernelsSync } from '../src/wasm/load';
import { type Problem, sphericalVariances } from './problem';
import { type Measurement, timed, timeFits } from './timing';

function rowsOf(flat: Float64Array, rows: number, cols: number): Float64Array[] {
  return Array.from({ length: rows }, (_, r) => flat.subarray(r * cols, (r + 1) * cols));
}

/**
 * The start in the API's nested form, covariances in the compact form of the type: diag K×D
 * variances, spherical K (each the mean of that component's variances), tied one D×D matrix.
 */
export function startOf(p: Problem): InitParameters {
  const { cols: d, components: k } = p;
  const full = (c: number) => rowsOf(p.covariances.subarray(c * d * d, (c + 1) * d * d), d, d);
  const compact = {
    full: () => Array.from({ length: k }, (_, c) => full(c)),
    tied: () => full(0),
    diag: () => rowsOf(p.variances, k, d),
    spherical: () => sphericalVariances(p),
  };
  return { weights: p.weights, means: rowsOf(p.means, k, d), covariances: compact[p.covariance]() };
}

/** What the float32 run adds to a fit: its option, absent from the types until that option exists. */
const FLOAT32 = { precision: 'float32' } as Record<string, unknown>;

async function fitOnce(
  p: Problem,
  data: Float64Array | Float32Array,
  init: InitParameters,
  iterations: number,
  extra: Record<string, unknown>,
): Promise<number> {
  const model = await GaussianMixture.fit(
    { data, rows: p.rows, cols: p.cols },
    {
      components: p.components,
      covariance: p.covariance,
      init,
      maxIter: iterations,
      tol: 0,
      regCovar: p.regCovar,
      ...extra,
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
async function measure(
  p: Problem,
  data: Float64Array | Float32Array,
  extra: Record<string, unknown>,
  note: string,
): Promise<Measurement> {
  const init = startOf(p);
  await fitOnce(p, data, init, 2, extra);
  const result = await timeFits(
    p,
    () => undefined,
    () => fitOnce(p, data, init, p.iterations, extra),
  );
  return timed(result, result.last, { peakWasmBytes: kernelsSync().memory.buffer.byteLength, note });
}

/** gmm-wasm in float64, the library's default. */
export function measureWasm(p: Problem): Promise<Measurement> {
  return measure(p, p.x, {}, 'fit time / T: includes validation, one copy-in of X and the final E-step');
}

/** Whether this build has `precision: 'float32'`: an unknown option is a TypeError naming it. */
async function hasFloat32(): Promise<boolean> {
  try {
    await GaussianMixture.fit([[0], [1], [2], [4]], { components: 1, maxIter: 1, ...FLOAT32 });
    return true;
  } catch (error) {
    if (error instanceof TypeError && /precision/.test(error.message)) return false;
    throw error;
  }
}

/**
 * gmm-wasm with `precision: 'float32'` on the same numbers rounded to a Float32Array (the input a
 * float32 user holds), or skipped when the build has no such option.
 */
export async function measureWasmFloat32(p: Problem): Promise<Measurement> {
  if (!(await hasFloat32())) {
    return { status: 'skipped', cell: 'n/a', reason: "this build has no precision: 'float32' option" };
  }
  const note = 'as gmm-wasm, from Float32Array data with f32 kernels';
  return measure(p, Float32Array.from(p.x), FLOAT32, note);
}
