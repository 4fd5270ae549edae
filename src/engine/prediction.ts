/**
 * The predict path's engine: the density kernels over rows under a model's fixed parameters, on the
 * calling thread. The model classes (../GaussianMixture.ts through ../model-scoring.ts, the Bayesian
 * mixture) score rows through these and never touch wasm memory themselves: the rows are copied in,
 * the parameters loaded and factorised, every span of rows visited, and everything freed before the
 * walk returns.
 */
import type { CovarianceModel } from '../covariance/model';
import type { DenseMatrix, MixtureParameters } from '../internal-types';
import { groupByPattern } from '../missing/patterns';
import type { Precision } from '../types';
import { CHUNK_ROWS, WasmData } from '../wasm/data';
import { kernelsSync } from '../wasm/load';
import { type ChunkVisitor, Workspace } from '../wasm/workspace';
import type { Steps } from '../yield';
import { PatternPass } from './pattern-pass';

export type { ChunkVisitor } from '../wasm/workspace';

/** Rows per step of a walk: the span one kernel call covers (a chunk of the copied rows). */
export const ROWS_PER_STEP = CHUNK_ROWS;

/**
 * Visits every span of complete rows with log p(x) and the responsibilities under `parameters`
 * (compact covariances of `model`) in `precision`, yielding between kernel calls (see ../yield.ts).
 */
export function* visitRows(
  rows: DenseMatrix,
  parameters: MixtureParameters,
  model: CovarianceModel,
  visit: ChunkVisitor,
  precision: Precision = 'float64',
): Steps<void> {
  const wasm = new WasmData(kernelsSync(), rows, undefined, precision);
  try {
    const workspace = new Workspace(wasm, parameters.weights.length, model);
    try {
      workspace.loadParameters(parameters);
      // Copying the rows in is a step of its own.
      yield;
      yield* workspace.forEachChunkSteps(visit);
    } finally {
      workspace.dispose();
    }
  } finally {
    wasm.dispose();
  }
}

/** The scores of rows with missing values, each of its observed coordinates only. */
export interface RowScores {
  /** log p(x_o) per row, in the units of the parameters. */
  readonly logNorm: Float64Array;
  /** rows×K responsibilities. */
  readonly resp: Float64Array;
  /** How many rows have at least one observed value. */
  readonly informative: number;
}

/**
 * Per row of X (NaN = missing), log p(x_o) under the marginal of its observed coordinates and the
 * responsibilities given them, under `params` (compact covariances of `model`), yielding between
 * kernel calls (see ../yield.ts). Complete rows take the ordinary kernels, rows with holes the
 * pattern passes (./pattern-pass.ts); a row with nothing observed has log p = 0 (the log of a
 * probability of one) and responsibilities equal to the weights.
 */
export function* scoreIncompleteRows(
  X: DenseMatrix,
  params: MixtureParameters,
  model: CovarianceModel,
): Steps<RowScores> {
  const kernels = kernelsSync();
  const k = params.weights.length;
  const layout = groupByPattern(X);
  const logNorm = new Float64Array(X.rows);
  const resp = new Float64Array(X.rows * k);
  for (const row of layout.emptyRows) resp.set(params.weights, row * k);
  const complete = new WasmData(kernels, layout.complete);
  try {
    const workspace = new Workspace(complete, k, model);
    try {
      workspace.loadParameters(params);
      yield* workspace.forEachChunkSteps((start, rows, chunkLogNorm, chunkResp) => {
        for (let i = 0; i < rows; i++) {
          const row = layout.completeRows[start + i] as number;
          logNorm[row] = chunkLogNorm[i] as number;
          resp.set(chunkResp.subarray(i * k, (i + 1) * k), row * k);
        }
      });
    } finally {
      workspace.dispose();
    }
  } finally {
    complete.dispose();
  }
  const patterns = new PatternPass(kernels, layout.patterns, X.cols, k, model);
  try {
    yield* patterns.forEachChunkSteps(params, false, (pattern, start, chunkLogNorm, chunkResp) => {
      for (let i = 0; i < chunkLogNorm.length; i++) {
        const row = pattern.rows[start + i] as number;
        logNorm[row] = chunkLogNorm[i] as number;
        resp.set(chunkResp.subarray(i * k, (i + 1) * k), row * k);
      }
    });
  } finally {
    patterns.dispose();
  }
  return { logNorm, resp, informative: X.rows - layout.emptyRows.length };
}
