/**
 * A fitted model's rows scored on this thread, for `predict` and everything computed from the
 * per-row log-densities and responsibilities: the rows are standardized as the fit's were, copied
 * into wasm memory, scored span by span, and freed before returning. The model classes ask this
 * module, and never reach into the bridge (src/wasm/) themselves.
 */
import { COVARIANCE_MODELS } from '../covariance/index';
import { scoreRows } from '../missing/evaluate';
import type { ModelState } from '../model-state';
import { standardizeMatrix } from '../standardize';
import type { DenseMatrix } from '../types';
import { WasmData } from '../wasm/data';
import { kernelsSync } from '../wasm/load';
import { type ChunkVisitor, Workspace } from '../wasm/workspace';

export type { ChunkVisitor } from '../wasm/workspace';

/**
 * Visits every span of complete rows with its log p(x) (in the fit's units) and responsibilities.
 *
 * @param state - the model, parameters in the fit's units.
 * @param data - validated rows, without NaN, in the user's units.
 * @throws Error when the module is not instantiated yet (a browser's main thread before `ready()`).
 */
export function evaluateChunks(state: ModelState, data: DenseMatrix, visit: ChunkVisitor): void {
  const { standardization, covariance, parameters } = state;
  const rows = standardization ? standardizeMatrix(data, standardization) : data;
  const wasm = new WasmData(kernelsSync(), rows);
  try {
    const workspace = new Workspace(wasm, parameters.weights.length, COVARIANCE_MODELS[covariance]);
    try {
      workspace.setParameters(parameters);
      workspace.forEachChunk(visit);
    } finally {
      workspace.dispose();
    }
  } finally {
    wasm.dispose();
  }
}

/**
 * Per-row log p(x_o) (in the fit's units) and responsibilities of rows with missing values, each
 * scored on its observed coordinates.
 */
export function scoreObserved(state: ModelState, data: DenseMatrix): ReturnType<typeof scoreRows> {
  const { standardization, covariance, parameters } = state;
  const rows = standardization ? standardizeMatrix(data, standardization) : data;
  return scoreRows(kernelsSync(), rows, parameters, COVARIANCE_MODELS[covariance]);
}
