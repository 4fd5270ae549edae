/**
 * The library's errors, by kind: `TypeError` and `RangeError` for input it refuses (naming the
 * option, row, column or chunk; an option's name is also the field `option`), and
 * {@link NumericalFailureError} for a fit that the numbers defeat. Anything else thrown out of the
 * library (a worker that stopped, a binary that did not load) is a plain `Error`: callers that
 * treat numerical failures as a result, as `selectModel` does with a candidate, catch this class
 * and nothing else.
 */

/** What a {@link NumericalFailureError} says about where the numbers failed and how to avoid it. */
export interface NumericalFailureDetails {
  /** The component whose covariance failed; `undefined` when no one component is to blame. */
  readonly component?: number | undefined;
  /** EM iterations completed when it failed (0: at the start); `undefined` outside the iterations. */
  readonly iteration?: number | undefined;
  /** What to change, as the message's advice says it: `'increase regCovar (now 0) or set standardize: true'`. */
  readonly remedy: string;
}

/**
 * A fit (or an M-step from statistics, a sample, an imputation) that the numbers defeat: a
 * covariance that no re-seed could keep positive definite, a log-likelihood or a variance beyond a
 * double's range. The message says all of it in words; the fields say it for code.
 */
export class NumericalFailureError extends Error {
  /** The component whose covariance failed; `undefined` when no one component is to blame (tied). */
  readonly component: number | undefined;
  /** EM iterations completed when it failed (0: at the start); `undefined` outside the iterations. */
  readonly iteration: number | undefined;
  /** What to change so that it does not fail: more `regCovar`, fewer components, rescaled data. */
  readonly remedy: string;

  /**
   * A numerical failure, described in words and in fields.
   * @param message - the whole sentence the user reads, advice included.
   * @param details - the component, the iteration and the remedy the message names.
   */
  constructor(message: string, details: NumericalFailureDetails) {
    super(message);
    this.component = details.component;
    this.iteration = details.iteration;
    this.remedy = details.remedy;
  }
}

// On the prototype, so that it is not an own field beside the three that describe the failure.
Object.defineProperty(NumericalFailureError.prototype, 'name', {
  value: 'NumericalFailureError',
  writable: true,
  configurable: true,
});

/** A `TypeError` or `RangeError` about one option: `option` is its name, as `FitOptions` spells it. */
export type OptionError = (TypeError | RangeError) & {
  /** The option's name, as `FitOptions` spells it: `'maxIter'`, `'init'`. */
  readonly option: string;
};

/**
 * Marks a validation error as being about `option`, unless an inner rule already named one (an
 * error raised while reading `sampleWeight` may be about `components`).
 *
 * @returns `error`, for the caller to throw.
 */
export function aboutOption<E extends TypeError | RangeError>(error: E, option: string): E {
  // Not enumerable, like `message`: an error compared field by field with another of the same
  // message (as test matchers do) stays equal to it.
  if (optionOf(error) === undefined) Object.defineProperty(error, 'option', { value: option });
  return error;
}

/**
 * Runs `read` and marks any `TypeError` or `RangeError` it throws as about `option`.
 *
 * @throws what `read` throws.
 */
export function readingOption<T>(option: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw aboutOption(error, option);
    throw error;
  }
}

/**
 * The option a validation error is about, or `undefined` (an error about X, a saved model, or not a
 * validation error at all).
 */
export function optionOf(error: unknown): string | undefined {
  if (!(error instanceof TypeError || error instanceof RangeError)) return undefined;
  const option = (error as Partial<OptionError>).option;
  return typeof option === 'string' ? option : undefined;
}
