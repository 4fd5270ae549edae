/**
 * `GaussianMixture.fitStream`: exact EM over a source read once per pass. The first pass surveys the
 * stream (shape, weights, column moments, a reservoir sample); every start is made from the sample
 * in memory; each EM iteration is then one pass, through the same driver as `fit`, so restarts,
 * re-seeding, convergence, progress and abort behave as they do there.
 */
import { COVARIANCE_MODELS } from '../covariance/index';
import { refusePrior } from '../covariance/prior-options';
import type { InitContext } from '../em/init';
import { lloydTolerance } from '../em/kmeans';
import { runRestarts } from '../em/restarts';
import { emptyWorkerPool, loadEngines } from '../engine/load';
import { conditionerFor } from '../engine/pattern-pass';
import { CopiedStartRows } from '../engine/start-rows';
import { StreamEngine } from '../engine/stream-engine';
import { aboutOption, readingOption } from '../errors';
import type { FitOptions } from '../fit-options';
import { buildHierarchy, type Hierarchy } from '../hierarchical/start';
import type { DenseMatrix, ResolvedFitOptions } from '../internal-types';
import { log } from '../logarithm';
import type { ModelState } from '../model-state';
import { logJacobian, type Standardization, standardizeMatrix } from '../standardize';
import { allowsMissing, describeKind, refuseFloat32, resolveFitOptions } from '../validate/index';
import { runPaced, Yielder } from '../yield';
import { checkSource, readPass, type StreamSource } from './source';
import { type Survey, SurveyBuilder } from './survey';

/** Rows in the start's reservoir sample unless `startSample` says otherwise. */
export const DEFAULT_START_SAMPLE = 10_000;

/**
 * Options of `GaussianMixture.fitStream`: those of `fit` (sample weights come with the chunks,
 * `{ X, sampleWeight }`), plus the size of the sample the starts are drawn from. Not `prior`:
 * mclust's default prior is computed from the whole data, which a stream does not hold (given from
 * JavaScript anyway, it is refused with a RangeError that says so).
 */
export interface StreamFitOptions extends Omit<FitOptions, 'sampleWeight' | 'prior'> {
  /**
   * Rows (of positive weight) in the seeded uniform reservoir sample that `'random'`,
   * `'random-from-data'`, `'kmeans++'` and `'kmeans'` start from, and re-seeding draws rows from;
   * default 10 000. A stream with at most this many rows is sampled whole, in order.
   */
  readonly startSample?: number;
}

/** Fits a mixture to every row of a stream; see `GaussianMixture.fitStream`. */
export async function fitStreamMixture(source: unknown, options: unknown): Promise<ModelState> {
  checkSource(source);
  const { fitOptions, startSample } = splitOptions(options);
  refuseFloat32(fitOptions, 'GaussianMixture.fitStream');
  await loadEngines();
  const { survey, resolved } = await surveyStream(source, fitOptions, startSample);
  const model = COVARIANCE_MODELS[resolved.covariance];
  const missing = resolved.missing === 'em';
  if (survey.missingCells > 0) conditionerFor(model);
  // With missing values, of each column's observed values.
  const z: Standardization | undefined = resolved.standardize
    ? { mean: survey.mean, scale: survey.variance.map((v) => (v > 0 ? Math.sqrt(v) : 1)) }
    : undefined;
  const d = survey.cols;
  const rows = survey.sampleRows;
  // A missing value, where a row is used whole (the starts, re-seeding), is its column's observed
  // mean, as in `fit`: 0 once standardized.
  const fill = z ? new Float64Array(d) : survey.mean;
  // The sample in the fit's units, with one more row where re-seeding finds the row it moves to.
  const sample = new Float64Array((rows + 1) * d);
  const raw: DenseMatrix = { data: survey.sample, rows, cols: d };
  sample.set(z ? standardizeMatrix(raw, z).data : survey.sample);
  if (survey.missingCells > 0) {
    for (let i = 0; i < rows * d; i++) if (Number.isNaN(sample[i])) sample[i] = fill[i % d] as number;
  }
  const X: DenseMatrix = { data: sample, rows, cols: d };
  const sampleWeight = survey.weighted ? survey.sampleWeights : undefined;
  const yielder = new Yielder(resolved.signal);
  // The starts' rows: the sample without the spare row re-seeding writes.
  const starts = new CopiedStartRows(
    { data: sample.subarray(0, rows * d), rows, cols: d },
    sampleWeight,
    resolved.components,
    model,
  );
  let tree: Hierarchy | undefined;
  let tolerance: number | undefined;
  const pool =
    resolved.workers > 0 ? await emptyWorkerPool(resolved.workers, d, resolved.workerUrl) : undefined;
  let engine: StreamEngine;
  try {
    engine = new StreamEngine(
      { source, survey, standardization: z, signal: resolved.signal, missing, fill },
      resolved.components,
      model,
      { index: rows, values: sample.subarray(rows * d) },
      pool,
    );
  } catch (error) {
    await pool?.terminate();
    throw error;
  }
  try {
    const context: InitContext = {
      X,
      sampleWeight,
      startRows: () => starts,
      model,
      k: resolved.components,
      regCovar: resolved.regCovar,
      yielder,
      hierarchy: async () => {
        tree ??= await runPaced(buildHierarchy(X, sampleWeight, resolved.seed), yielder);
        return tree;
      },
      lloydTolerance: () => {
        tolerance ??= lloydTolerance(X, sampleWeight);
        return tolerance;
      },
    };
    return await runRestarts(engine, context, resolved, z, jacobianShift(survey, z), {
      label: undefined,
      yielder,
    });
  } finally {
    starts.dispose();
    engine.dispose();
    await pool?.terminate();
  }
}

/**
 * Added to mean log-likelihoods in fit units to report them in the user's: −Σⱼ log sⱼ, and with
 * missing values each row's over its observed columns, averaged by weight: −Σⱼ Wⱼ log sⱼ / W.
 */
function jacobianShift(survey: Survey, z: Standardization | undefined): number {
  if (!z) return 0;
  if (survey.missingCells === 0) return logJacobian(z);
  let shift = 0;
  for (let j = 0; j < survey.cols; j++)
    shift -= (survey.observedWeight[j] as number) * log(z.scale[j] as number);
  return shift / survey.informativeWeight;
}

function splitOptions(options: unknown): { fitOptions: Record<string, unknown>; startSample: number } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${describeKind(options)}`);
  }
  const { startSample, ...fitOptions } = options as Record<string, unknown>;
  if ('sampleWeight' in fitOptions) {
    const message =
      'fitStream takes sample weights with the chunks, as { X, sampleWeight }, not as the option sampleWeight';
    throw aboutOption(new TypeError(message), 'sampleWeight');
  }
  if (startSample === undefined) return { fitOptions, startSample: DEFAULT_START_SAMPLE };
  return { fitOptions, startSample: readingOption('startSample', () => readStartSample(startSample)) };
}

function readStartSample(startSample: unknown): number {
  if (typeof startSample !== 'number') {
    throw new TypeError(`startSample must be a number, got ${describeKind(startSample)}`);
  }
  if (!Number.isInteger(startSample) || startSample < 1 || startSample > 10_000_000) {
    throw new RangeError(`startSample must be an integer from 1 to 10000000, got ${startSample}`);
  }
  return startSample;
}

/**
 * The first pass. Options are resolved as soon as the first chunk gives D (so a bad option fails
 * at once, not after a pass over the data); K is checked against the rows once they are counted.
 */
async function surveyStream(
  source: StreamSource,
  fitOptions: Record<string, unknown>,
  startSample: number,
): Promise<{ survey: Survey; resolved: ResolvedFitOptions }> {
  let resolved: ResolvedFitOptions | undefined;
  let builder: SurveyBuilder | undefined;
  const missing = allowsMissing(fitOptions);
  await readPass(
    source,
    (chunk) => {
      if (!resolved) {
        const shape = { data: new Float64Array(0), rows: Number.MAX_SAFE_INTEGER, cols: chunk.X.cols };
        resolved = resolveFitOptions(fitOptions, shape);
        refusePrior(
          resolved,
          'fitStream',
          'its defaults need the whole data in memory; use GaussianMixture.fit',
        );
        builder = new SurveyBuilder(resolved.seed, Math.max(startSample, resolved.components));
      }
      (builder as SurveyBuilder).add(chunk);
    },
    () => resolved?.signal ?? (fitOptions.signal as AbortSignal | undefined),
    missing,
  );
  if (!resolved || !builder) throw new RangeError('the source yielded no rows: fitStream needs at least one');
  const survey = builder.finish();
  const k = resolved.components;
  if (k > survey.rows) throw aboutComponents(`components (${k}) exceeds the number of rows (${survey.rows})`);
  if (survey.missingCells > 0) checkObserved(survey, k);
  if (survey.positiveRows === 0) {
    throw new RangeError("every chunk's sampleWeight is zero: at least one row needs a positive weight");
  }
  if (k > survey.positiveRows) {
    throw aboutComponents(
      `components (${k}) exceeds the number of rows with positive weight (${survey.positiveRows})`,
    );
  }
  return { survey, resolved };
}

/** With missing values: every column observed somewhere, and enough rows with an observed value. */
function checkObserved(survey: Survey, k: number): void {
  survey.observedWeight.forEach((weight, j) => {
    if (!(weight > 0)) {
      throw new RangeError(
        `column ${j} has no observed value${survey.weighted ? ' of positive weight' : ''} in the stream: missing: 'em' needs at least one in every column`,
      );
    }
  });
  if (k > survey.informativeRows) {
    throw aboutComponents(
      `components (${k}) exceeds the number of rows with an observed value (${survey.informativeRows})`,
    );
  }
}

/** K too large for the rows the survey counted: about the option `components`, as in `fit`. */
function aboutComponents(message: string): RangeError {
  return aboutOption(new RangeError(message), 'components');
}
