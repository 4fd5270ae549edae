/**
 * One chunk of the online learner in wasm memory, with the engine its stepwise update and its
 * re-seeding run on. Without missing values, the chunk's rows as they are. With them (NaN,
 * `missing: 'em'`), as `fit` lays them out: complete rows on the fused path, rows with holes
 * pattern by pattern (./missing-engine.ts), rows with nothing observed set aside; re-seeding reads
 * the other rows with each hole filled by the current mixture's mean (a chunk may lack a column
 * entirely, so the chunk's own observed means need not exist).
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix, MixtureParameters } from '../internal-types';
import { observedLogJacobian } from '../missing/observed-jacobian';
import { groupByPattern, hasMissing } from '../missing/patterns';
import { logJacobian, type Standardization } from '../standardize';
import { WasmData } from '../wasm/data';
import { kernelsSync } from '../wasm/load';
import { Workspace } from '../wasm/workspace';
import type { Yielder } from '../yield';
import type { EStepEngine } from './estep-engine';
import { InlineEngine } from './inline-engine';
import { MissingEngine } from './missing-engine';
import { PatternPass } from './pattern-pass';
import { CopiedStartRows, type StartRows, workspaceStartRows } from './start-rows';

/**
 * One chunk of `OnlineGaussianMixture.partialFit`, made ready: its engine, and the rows its starts and
 * re-seeding read.
 */
export interface OnlineChunk {
  /** The E-step over the chunk's rows: inline, or with missing values the pattern engine. */
  readonly engine: EStepEngine;
  /** The rows re-seeding and the starts read, in the fit's units (holes filled), and their weights. */
  readonly X: DenseMatrix;
  /** One weight per row of `X`; undefined when every row counts once. */
  readonly weights: Float64Array | undefined;
  /** Rows with an observed value. */
  readonly rows: number;
  /**
   * Added to a mean log-likelihood per row in fit units to give the user's: −Σⱼ log sⱼ, and with
   * missing values each row's over its observed columns, averaged by weight; 0 unstandardized.
   */
  readonly shift: number;
  /** The starts' and re-seeding's rows: `X` on this thread (a copy made when first asked for, with missing values). */
  readonly startRows: StartRows;
  /** Frees the chunk's wasm memory (engine and start rows); nothing can be used after. */
  dispose(): void;
}

/**
 * @param X - the chunk in the fit's units; NaN are missing values.
 * The module must be loaded on this thread (`loadEngines`, ./load.ts).
 * @param params - the current mixture: its mean Σₖ πₖ μₖ fills the holes of the rows re-seeding reads.
 */
export function onlineChunk(
  X: DenseMatrix,
  weights: Float64Array | undefined,
  k: number,
  model: CovarianceModel,
  params: MixtureParameters,
  z: Standardization | undefined,
  yielder: Yielder,
): OnlineChunk {
  if (!hasMissing(X)) {
    const data = new WasmData(kernelsSync(), X, weights);
    const engine = new InlineEngine(new Workspace(data, k, model), yielder);
    return {
      engine,
      X,
      weights,
      rows: X.rows,
      shift: z ? logJacobian(z) : 0,
      startRows: workspaceStartRows(engine.workspace),
      dispose: () => {
        engine.dispose();
        data.dispose();
      },
    };
  }
  const { rows, cols: d } = X;
  const layout = groupByPattern(X, weights);
  const empty = new Uint8Array(rows);
  for (const row of layout.emptyRows) empty[row] = 1;
  const index = new Int32Array(rows).fill(-1);
  const kept: number[] = [];
  for (let i = 0; i < rows; i++) if (!empty[i]) index[i] = kept.push(i) - 1;
  const fill = mixtureMean(params, d);
  const filled = new Float64Array(kept.length * d);
  kept.forEach((row, i) => {
    for (let j = 0; j < d; j++) {
      const value = X.data[row * d + j] as number;
      filled[i * d + j] = Number.isNaN(value) ? (fill[j] as number) : value;
    }
  });
  const startX: DenseMatrix = { data: filled, rows: kept.length, cols: d };
  const startWeights = weights && Float64Array.from(kept, (row) => weights[row] as number);
  let shift = 0;
  if (z) {
    const perRow = observedLogJacobian(X, z);
    let total = 0;
    for (const row of kept) {
      const w = weights ? (weights[row] as number) : 1;
      total += w;
      shift += w * (perRow[row] as number);
    }
    shift = total > 0 ? shift / total : 0;
  }
  const kernels = kernelsSync();
  const completeData = new WasmData(kernels, layout.complete, layout.completeWeights);
  const disposers: (() => void)[] = [() => completeData.dispose()];
  const dispose = () => {
    for (const release of disposers.reverse()) release();
  };
  try {
    const complete = new InlineEngine(new Workspace(completeData, k, model), yielder);
    disposers.push(() => complete.dispose());
    const patterns = new PatternPass(kernels, layout.patterns, d, k, model);
    const engine = new MissingEngine(
      complete,
      Int32Array.from(layout.completeRows, (row) => index[row] as number),
      patterns,
      (row) => index[row] as number,
    );
    // The missing engine disposes the complete rows' engine and the patterns with it.
    disposers.pop();
    disposers.push(() => engine.dispose());
    const startRows = new CopiedStartRows(startX, startWeights, k, model);
    disposers.push(() => startRows.dispose());
    return {
      engine,
      X: startX,
      weights: startWeights,
      rows: kept.length,
      shift,
      startRows,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Σₖ πₖ μₖ. */
function mixtureMean(params: MixtureParameters, d: number): Float64Array {
  const mean = new Float64Array(d);
  params.weights.forEach((weight, c) => {
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + weight * (params.means[c * d + j] as number);
  });
  return mean;
}
