/**
 * The asynchronous predictions (`predictAsync`, `predictProbaAsync`, `scoreSamplesAsync`,
 * `scoreAsync`) of both mixtures. Each runs the very steps its synchronous twin runs to the end —
 * the same kernel calls over the same spans of rows, which depend on the shape alone — but yields
 * to the event loop between them (./yield.ts), so the results are the same bits while timers, the
 * page and an `AbortSignal` get their turn during a large input.
 */
import { loadEngines } from './engine/load';
import { ownRows } from './fit';
import type { DenseMatrix } from './internal-types';
import type { AbortSignalLike, Matrix } from './types';
import { describeKind } from './validate/index';
import { runPaced, type Steps, Yielder } from './yield';

/** Options of the asynchronous predictions. */
export interface PredictionOptions {
  /** Aborts the prediction: the promise rejects with the signal's reason, within a few milliseconds. */
  signal?: AbortSignalLike;
}

/**
 * Reads X at once (copied, so that changing it while the prediction runs changes nothing), waits
 * for the WebAssembly module (so a model made by `fromJSON` needs no `ready()`, even on a browser's
 * main thread), then runs the prediction's steps, yielding between them.
 *
 * @param method - the public method's name, for messages.
 * @param X - the rows, as the user gave them.
 * @param options - what the user passed as options.
 * @param read - the model's validation of X (columns, missing values).
 * @param steps - the prediction over the validated rows.
 * @throws TypeError for options that are not `{ signal? }`, as X's validation does for X; the
 *   signal's reason when it aborts.
 */
export async function pacedPrediction<T>(
  method: string,
  X: Matrix,
  options: unknown,
  read: (X: Matrix) => DenseMatrix,
  steps: (data: DenseMatrix) => Steps<T>,
): Promise<T> {
  const yielder = new Yielder(readPredictionOptions(method, options));
  const data = ownRows(X, read(X));
  yielder.throwIfAborted();
  await loadEngines();
  // Validating and copying a large X is a step of its own.
  await yielder.maybeYield();
  return runPaced(steps(data), yielder);
}

function readPredictionOptions(method: string, options: unknown): AbortSignal | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${method} options must be an object, got ${describeKind(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'signal') throw new TypeError(`unknown option '${key}' of ${method}: it takes signal`);
  }
  const { signal } = options as { signal?: unknown };
  if (signal === undefined) return undefined;
  const candidate = signal as { aborted?: unknown; addEventListener?: unknown } | null;
  // Duck-typed, as fit's signal: signals from other realms and polyfills are accepted.
  if (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function'
  ) {
    return signal as AbortSignal;
  }
  throw new TypeError(`signal must be an AbortSignal, got ${describeKind(signal)}`);
}
