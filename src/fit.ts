/**
 * `GaussianMixture.fit`: validates once, prepares the data once (./engine/prepared-data.ts:
 * standardized if asked, copied into wasm memory or into workers' memories), and runs every restart
 * over one engine (./em/restarts.ts), each run from its own seeded start to a final E-step
 * (./em/run.ts). `selectModel` runs `fitPrepared` per candidate on the same prepared data.
 */
import { COVARIANCE_MODELS } from './covariance/index';
import { runRestarts } from './em/restarts';
import { type ProgressLabel, throwIfAborted } from './em/run';
import { PreparedData, refuseOversizedShape } from './engine/prepared-data';
import type { DenseMatrix, ResolvedFitOptions } from './internal-types';
import type { ModelState } from './model-state';
import { allowsMissing, readMatrix, resolveFitOptions } from './validate/index';
import { Yielder } from './yield';

/** Fits a mixture to X: validation, data preparation, every restart. */
export async function fitMixture(X: unknown, options: unknown): Promise<ModelState> {
  refuseOversized(X, options);
  const data = ownRows(X, readMatrix(X, 'X', allowsMissing(options)));
  const resolved = resolveFitOptions(options, data);
  throwIfAborted(resolved.signal);
  const prepared = await PreparedData.create(data, resolved);
  try {
    return await fitPrepared(prepared, resolved, new Yielder(resolved.signal), undefined);
  } finally {
    await prepared.dispose();
  }
}

/**
 * Every restart on prepared data; the best run becomes the model's state.
 * @param entropy - whether the state should carry its classification entropy (selectModel's ICL),
 *   computed in the final pass where the engine can.
 */
export async function fitPrepared(
  prepared: PreparedData,
  options: ResolvedFitOptions,
  yielder: Yielder,
  label: ProgressLabel,
  entropy = false,
): Promise<ModelState> {
  const model = COVARIANCE_MODELS[options.covariance];
  const engine = prepared.engine(options.components, model, yielder);
  const starts = prepared.startContext(engine, options, yielder);
  try {
    const { context } = starts;
    return await runRestarts(
      engine,
      context,
      options,
      prepared.standardization,
      prepared.logLikelihoodShift,
      { label, yielder, entropy },
    );
  } finally {
    starts.dispose();
    engine.dispose();
  }
}

/**
 * The 4 GiB check on the shape alone, ahead of validation's scan of every value (seconds, for data
 * that large), at 4 bytes a value when the options ask for `precision: 'float32'`. Inputs whose
 * shape cannot be read here are left to validation (and options to theirs).
 */
export function refuseOversized(X: unknown, options: unknown): void {
  const valueBytes = (options as { precision?: unknown } | null)?.precision === 'float32' ? 4 : 8;
  const shape = X as { rows?: unknown; cols?: unknown; length?: unknown; 0?: { length?: unknown } } | null;
  if (typeof shape !== 'object' || shape === null) return;
  const rows = Array.isArray(shape) ? shape.length : shape.rows;
  const cols = Array.isArray(shape) ? shape[0]?.length : shape.cols;
  if (typeof rows === 'number' && typeof cols === 'number') refuseOversizedShape(rows, cols, valueBytes);
}

/**
 * The rows as the fit's own: a flat `{ data: Float64Array | Float32Array }` is used in place by
 * validation, and the fit reads its rows again after yielding (re-seeding, restarts), so the caller
 * overwriting them mid-fit would change the result. Copied here, before the first yield, in their
 * own type (a Float32Array stays f32: half the bytes of a widened copy, the same values).
 */
export function ownRows(X: unknown, data: DenseMatrix): DenseMatrix {
  const given = (X as { data?: unknown } | null)?.data;
  return given === data.data ? { ...data, data: data.data.slice() } : data;
}
