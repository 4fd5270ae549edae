/**
 * `OnlineGaussianMixture`: stepwise EM over a stream read once. The first chunks (until
 * `startSample` rows have arrived) are fitted by batch EM with the options of `fit`, which gives
 * the start, its standardization and its seed's choices; every later chunk is one E-step on that
 * chunk alone and a step of size (t + 2)^−α towards its statistics, then the M-step, re-seeding
 * a component that explains almost none of a chunk (of at least 10·K rows), or whose covariance
 * stops being positive definite, on the chunk's worst-explained row as `fit` does. With
 * `missing: 'em'` a chunk's NaN are missing values: its E-step is the missing-data one (expected
 * complete-data statistics, as in `fit`), and the start is `fit` with missing values.
 */
import { COVARIANCE_MODELS } from '../covariance/index';
import { refusePrior } from '../covariance/prior-options';
import type { InitContext } from '../em/init';
import { lloydTolerance } from '../em/kmeans';
import { mStep } from '../em/m-step';
import { rescueComponents } from '../em/rescue';
import { loadEngines } from '../engine/load';
import { onlineChunk } from '../engine/online-chunk';
import { aboutOption, readingOption } from '../errors';
import { fitMixture } from '../fit';
import type { FitOptions } from '../fit-options';
import { GaussianMixture, modelFromState } from '../GaussianMixture';
import { buildHierarchy } from '../hierarchical/start';
import type { DenseMatrix, ResolvedFitOptions } from '../internal-types';
import type { ModelState } from '../model-state';
import { standardizeMatrix } from '../standardize';
import { describeKind, refuseFloat32, resolveFitOptions } from '../validate/index';
import { runPaced, Yielder } from '../yield';
import { type ReadChunk, readChunk, type StreamChunk } from './source';
import { blend, statisticsOfParameters, stepSize } from './stepwise';

/** A chunk needs this many rows per component for its E-step to call a component empty. */
const MIN_ROWS_PER_COMPONENT = 10;

/** Rows gathered for the start unless `startSample` says otherwise. */
export const DEFAULT_ONLINE_START = 1000;

/** Options of `new OnlineGaussianMixture`: those of `fit` but `prior` (refused: no MAP form), and the step's decay. */
export interface OnlineOptions extends Omit<FitOptions, 'sampleWeight' | 'workers' | 'prior'> {
  /** α ∈ (0.5, 1] of the step size (t + 2)^−α: smaller forgets the past faster; default 0.6. */
  readonly stepDecay?: number;
  /**
   * Rows gathered from the first chunks before the start is fitted (by batch EM with the other
   * options, on those rows); default 1000, at least `components`. A chunk is never split: the start
   * uses every row of the chunks that reached the threshold.
   */
  readonly startSample?: number;
}

/**
 * A mixture learned from a stream read once, chunk by chunk (stepwise EM; Cappé & Moulines 2009):
 * `new OnlineGaussianMixture(options)`, then `await learner.partialFit(chunk)` for each chunk, and
 * `learner.model` is the current `GaussianMixture`. Memory is bounded by the largest chunk.
 */
export class OnlineGaussianMixture {
  /** α of the step size (t + 2)^−α. */
  readonly stepDecay: number;
  /** Rows the start waits for. */
  readonly startSample: number;
  readonly #given: Record<string, unknown>;
  #resolved: ResolvedFitOptions;
  #pending: ReadChunk[] = [];
  #pendingRows = 0;
  #state: ModelState | undefined;
  #model: GaussianMixture | undefined;
  /** Stepwise updates made since the start (t of the step size). */
  #updates = 0;
  #chunks = 0;
  #rows = 0;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @throws TypeError / RangeError for invalid options, as `fit`; `sampleWeight` comes with the
   *   chunks (`{ X, sampleWeight }`) and `workers` does not apply.
   */
  constructor(options: OnlineOptions) {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`options must be an object, got ${describeKind(options)}`);
    }
    const { stepDecay, startSample, ...given } = options as unknown as Record<string, unknown>;
    for (const refused of ['sampleWeight', 'workers']) {
      if (refused in given) {
        const message =
          refused === 'sampleWeight'
            ? 'OnlineGaussianMixture takes sample weights with the chunks, as { X, sampleWeight }, not as the option sampleWeight'
            : 'OnlineGaussianMixture runs on the calling thread: the option workers does not apply';
        throw aboutOption(new TypeError(message), refused);
      }
    }
    refuseFloat32(given, 'OnlineGaussianMixture');
    this.stepDecay = readingOption('stepDecay', () => readStepDecay(stepDecay));
    this.startSample = readingOption('startSample', () => readStartSample(startSample));
    // Until a chunk gives D, a start's shape is checked against its own means.
    this.#resolved = resolveFitOptions(given, {
      data: new Float64Array(0),
      rows: Number.MAX_SAFE_INTEGER,
      cols: initWidth(given.init),
    });
    refusePrior(
      this.#resolved,
      'OnlineGaussianMixture',
      'stepwise EM has no MAP form here; use GaussianMixture.fit',
    );
    // One seed for the learner's whole life, drawn now when none was given.
    this.#given = { ...given, seed: this.#resolved.seed };
  }

  /** The current model: a full `GaussianMixture` (predict, score, bic, toJSON, …). */
  get model(): GaussianMixture {
    if (!this.#state) {
      throw new Error(
        `OnlineGaussianMixture has no model yet: the start needs ${Math.max(this.startSample, this.#resolved.components)} rows and has seen ${this.#pendingRows}`,
      );
    }
    this.#model ??= modelFromState(this.#state);
    return this.#model;
  }

  /**
   * Whether `model` exists yet: false until `startSample` rows (at least `components`) have arrived
   * and the start has been fitted.
   */
  get hasModel(): boolean {
    return this.#state !== undefined;
  }

  /** Chunks and rows seen so far. */
  get seen(): {
    /** Chunks passed to `partialFit` and accepted. */
    readonly chunks: number;
    /** Rows in those chunks. */
    readonly rows: number;
  } {
    return { chunks: this.#chunks, rows: this.#rows };
  }

  /**
   * Learns from one more chunk (a Matrix or `{ X, sampleWeight }`). Calls are applied in the order
   * they were made, one at a time, even when not awaited.
   * @throws TypeError / RangeError for a bad chunk (naming it, its rows and the entry) — the learner
   *   is then as it was; Error when a covariance cannot be kept positive definite.
   */
  partialFit(chunk: StreamChunk): Promise<this> {
    const next = this.#queue.then(() => this.#learn(chunk));
    this.#queue = next.catch(() => undefined);
    return next.then(() => this);
  }

  async #learn(chunk: unknown): Promise<void> {
    throwIfAborted(this.#resolved.signal);
    const read = readChunk(chunk, this.#chunks, this.#rows, this.#resolved.missing === 'em');
    if (!read) return;
    const d = this.#state ? this.#state.parameters.means.length / this.#resolved.components : read.X.cols;
    const expected = this.#pending[0]?.X.cols ?? d;
    if (read.X.cols !== expected) {
      throw new RangeError(
        `chunk ${read.index} (rows ${read.start} to ${read.start + read.X.rows - 1} of the stream) has ${read.X.cols} columns, expected ${expected} as the chunks before it`,
      );
    }
    if (this.#state) await this.#step(read, this.#state);
    else await this.#gather(read);
    this.#chunks++;
    this.#rows += read.X.rows;
  }

  /** Holds chunks until the start has its rows, then fits the start on them. */
  async #gather(read: ReadChunk): Promise<void> {
    const pending = [...this.#pending, read];
    const rows = this.#pendingRows + read.X.rows;
    if (rows < Math.max(this.startSample, this.#resolved.components)) {
      this.#pending = pending;
      this.#pendingRows = rows;
      return;
    }
    const d = read.X.cols;
    const data = new Float64Array(rows * d);
    const weighted = pending.some((part) => part.weights);
    const sampleWeight = weighted ? new Float64Array(rows).fill(1) : undefined;
    let at = 0;
    for (const part of pending) {
      data.set(part.X.data, at * d);
      if (part.weights) sampleWeight?.set(part.weights, at);
      at += part.X.rows;
    }
    const X: DenseMatrix = { data, rows, cols: d };
    const state = await fitMixture(X, { ...this.#given, ...(sampleWeight ? { sampleWeight } : {}) });
    this.#resolved = resolveFitOptions(this.#given, {
      data: new Float64Array(0),
      rows: Number.MAX_SAFE_INTEGER,
      cols: d,
    });
    this.#commit(state);
    this.#pending = [];
    this.#pendingRows = 0;
  }

  /** One stepwise update from a chunk. */
  async #step(read: ReadChunk, state: ModelState): Promise<void> {
    const options = this.#resolved;
    const model = COVARIANCE_MODELS[options.covariance];
    const { components: k, regCovar } = options;
    const z = state.standardization;
    const d = state.parameters.means.length / k;
    const yielder = new Yielder(options.signal);
    await loadEngines();
    const held = onlineChunk(
      z ? standardizeMatrix(read.X, z) : read.X,
      read.weights,
      k,
      model,
      state.parameters,
      z,
      yielder,
    );
    const { engine, X } = held;
    try {
      engine.loadParameters(state.parameters);
      const chunk = await engine.eStep();
      // A chunk of zero weight says nothing: the model stays, the chunk is counted.
      if (!(chunk.weight > 0)) return;
      const eta = stepSize(this.#updates, this.stepDecay);
      const running = blend(statisticsOfParameters(state.parameters, model, d, regCovar), chunk, eta);
      const context: InitContext = {
        X,
        sampleWeight: held.weights,
        startRows: () => held.startRows,
        model,
        k,
        regCovar,
        yielder,
        hierarchy: () => runPaced(buildHierarchy(X, held.weights, options.seed), yielder),
        // The held sample changes with every chunk: one update, one start, one pass.
        lloydTolerance: () => lloydTolerance(X, held.weights),
      };
      const iteration = state.iterations + 1;
      // A component that explains almost nothing of a chunk is collapsed, as in `fit`; the running
      // weight would take hundreds of steps to fall that far. Chunks too small to speak for every
      // component (fewer than 10·K rows) only check that the covariances stay positive definite.
      const nk = held.rows >= MIN_ROWS_PER_COMPONENT * k ? chunk.nk : undefined;
      const { params, reseeds } = await rescueComponents(
        engine,
        context,
        mStep(running, d, regCovar, model),
        nk,
        { iteration, reseeds: 0, options, yielder },
      );
      const logLikelihood = running.logLikelihood + held.shift;
      const previous = state.history[state.history.length - 1] as number;
      this.#commit({
        ...state,
        parameters: params,
        converged: false,
        iterations: iteration,
        logLikelihood,
        history: [...state.history, logLikelihood],
        reseeds: state.reseeds + reseeds,
      });
      this.#updates++;
      options.onIteration?.({ restart: 0, iteration, logLikelihood, change: logLikelihood - previous });
    } finally {
      held.dispose();
    }
  }

  #commit(state: ModelState): void {
    this.#state = state;
    this.#model = undefined;
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

/** D of an explicit start or a warm start, for checking it before any data arrive; 1 otherwise. */
function initWidth(init: unknown): number {
  if (init instanceof GaussianMixture) return init.features;
  const means = (init as { means?: unknown } | undefined)?.means;
  const first = Array.isArray(means) ? (means[0] as { length?: unknown } | undefined) : undefined;
  return typeof first?.length === 'number' && first.length > 0 ? first.length : 1;
}

function readStepDecay(value: unknown): number {
  if (value === undefined) return 0.6;
  if (typeof value !== 'number')
    throw new TypeError(`stepDecay must be a number, got ${describeKind(value)}`);
  if (!(value > 0.5 && value <= 1)) throw new RangeError(`stepDecay must be in (0.5, 1], got ${value}`);
  return value;
}

function readStartSample(value: unknown): number {
  if (value === undefined) return DEFAULT_ONLINE_START;
  if (typeof value !== 'number')
    throw new TypeError(`startSample must be a number, got ${describeKind(value)}`);
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`startSample must be an integer ≥ 1, got ${value}`);
  return value;
}
