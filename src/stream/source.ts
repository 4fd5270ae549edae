/**
 * Reading a stream source: a function that returns a fresh iterable (sync or async) of chunks, each
 * a Matrix or `{ X, sampleWeight }`, called once per pass. Each chunk is validated as it arrives;
 * errors name the chunk, the rows of the stream it holds, and the row and column within it.
 */

import type { DenseMatrix } from '../internal-types';
import type { Matrix } from '../types';
import { describeKind, readMatrix } from '../validate/index';
import { Yielder } from '../yield';
import { readPartWeights } from './chunk-weights';

/** One chunk of a stream: rows, with their sample weights if it brought any. */
export type StreamChunk =
  | Matrix
  | {
      /** The chunk's rows. */
      readonly X: Matrix;
      /** One weight ≥ 0 per row of X (as `FitOptions.sampleWeight`); every row weighs 1 without it. */
      readonly sampleWeight?: ArrayLike<number>;
    };

/** What `fitStream` reads: called once per pass, it returns the same rows in the same order each time. */
export type StreamSource = () => Iterable<StreamChunk> | AsyncIterable<StreamChunk>;

/** A validated chunk, row-major f64 (which may alias the caller's Float64Array: never written). */
export interface ReadChunk {
  /** Position of the chunk in its pass, from 0. */
  readonly index: number;
  /** Index of the chunk's first row in the stream. */
  readonly start: number;
  /** The chunk's rows, checked (finite, or NaN where missing values are allowed). */
  readonly X: DenseMatrix;
  /** One checked weight ≥ 0 per row; undefined when the chunk brought none. */
  readonly weights: Float64Array | undefined;
}

/** What one pass saw: for checking that every pass reads the same data. */
export interface PassSummary {
  /** Rows read in the pass. */
  readonly rows: number;
  /** Values per row (the same in every chunk). */
  readonly cols: number;
  /** Chunks read in the pass. */
  readonly chunks: number;
}

/** Checks the source once, before the first pass. */
export function checkSource(source: unknown): asserts source is StreamSource {
  if (typeof source !== 'function') {
    throw new TypeError(
      `source must be a function that returns an iterable of chunks (called once per pass), got ${describeKind(source)}; ` +
        'for chunks already in memory pass () => chunks',
    );
  }
}

/**
 * One pass: every chunk validated and handed to `visit` (awaited), the event loop given its turn
 * every few milliseconds, the signal (read anew each time: options may resolve during the pass)
 * checked between chunks. Leaving early closes the iterator. With `missing`, NaN entries are read
 * as missing values (`missing: 'em'`).
 * @throws TypeError / RangeError for a bad chunk; the signal's reason on abort; whatever `visit` throws.
 */
export async function readPass(
  source: StreamSource,
  visit: (chunk: ReadChunk) => void | Promise<void>,
  signal: () => AbortSignal | undefined,
  missing = false,
): Promise<PassSummary> {
  const iterable = source() as unknown;
  if (!isIterable(iterable)) {
    throw new TypeError(
      `source() must return an iterable or async iterable of chunks, got ${describeKind(iterable)}`,
    );
  }
  const yielder = new Yielder();
  let rows = 0;
  let cols = 0;
  let index = 0;
  for await (const chunk of iterable as AsyncIterable<unknown>) {
    throwIfAborted(signal());
    const read = readChunk(chunk, index, rows, missing);
    if (read) {
      if (cols === 0) cols = read.X.cols;
      else if (read.X.cols !== cols) {
        throw new RangeError(
          `chunk ${index} (rows ${rows} to ${rows + read.X.rows - 1} of the stream) has ${read.X.cols} columns, expected ${cols} as the chunks before it`,
        );
      }
      rows += read.X.rows;
      await visit(read);
    }
    index++;
    await yielder.maybeYield();
  }
  throwIfAborted(signal());
  return { rows, cols, chunks: index };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason;
}

function isIterable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<symbol, unknown>;
  return typeof record[Symbol.asyncIterator] === 'function' || typeof record[Symbol.iterator] === 'function';
}

/** A validated chunk (NaN allowed with `missing`); undefined for an empty array of rows, which a pass skips. */
export function readChunk(
  chunk: unknown,
  index: number,
  start: number,
  missing = false,
): ReadChunk | undefined {
  const wrapped =
    typeof chunk === 'object' &&
    chunk !== null &&
    !Array.isArray(chunk) &&
    'X' in chunk &&
    !('data' in chunk);
  const X = wrapped ? (chunk as { X: unknown }).X : chunk;
  if (wrapped) {
    for (const key of Object.keys(chunk as object)) {
      if (key !== 'X' && key !== 'sampleWeight') {
        throw new TypeError(
          `chunk ${index}: unknown field '${key}'; a chunk is a matrix or { X, sampleWeight }`,
        );
      }
    }
  }
  if (Array.isArray(X) && X.length === 0) return undefined;
  const where = (rows: number) => `chunk ${index} (rows ${start} to ${start + rows - 1} of the stream)`;
  let data: DenseMatrix;
  try {
    data = readMatrix(X, 'X', missing);
  } catch (error) {
    const rows = Array.isArray(X) ? X.length : Number((X as { rows?: unknown })?.rows) || 1;
    throw rename(
      error,
      Array.isArray(X) || (typeof X === 'object' && X !== null) ? where(rows) : `chunk ${index}`,
    );
  }
  const given = wrapped ? (chunk as { sampleWeight?: unknown }).sampleWeight : undefined;
  const weights =
    given === undefined ? undefined : readPartWeights(given, `${where(data.rows)}: sampleWeight`, data.rows);
  return { index, start, X: data, weights };
}

/** The same kind of error, its message prefixed with where in the stream it happened. */
function rename(error: unknown, where: string): unknown {
  if (error instanceof RangeError) return new RangeError(`${where}: ${error.message}`);
  if (error instanceof TypeError) return new TypeError(`${where}: ${error.message}`);
  return error;
}
