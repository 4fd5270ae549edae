/**
 * How every Node implementation is timed, and what a child process reports back. The Python script
 * follows the same rules (bench/sklearn_em.py).
 */

import { performance } from 'node:perf_hooks';
import type { ProblemMeta } from './problem';

/** A finished timing: ms per EM iteration of each timing, and the final mean log-likelihood. */
export interface Timed {
  readonly status: 'ok';
  /** Median of `perIteration`. */
  readonly msPerIteration: number;
  /** ms per iteration of each timing: its fits' summed time / (fits × T). */
  readonly perIteration: number[];
  /** Fits of T iterations per timing. */
  readonly fitsPerTiming: number;
  /** Mean log-likelihood of the final parameters on the whole data set. */
  readonly logLikelihood: number;
  /** Why `logLikelihood` is NaN. */
  readonly logLikelihoodProblem?: string;
  readonly peakWasmBytes?: number;
  /** Anything a reader of the numbers must know. */
  readonly note?: string;
  /** The BLAS library and kernel that threadpoolctl reports (sklearn only). */
  readonly blas?: string;
}

/** An implementation that did not run on a shape, and why. */
export interface Skipped {
  readonly status: 'skipped';
  /** Shown in the table cell, e.g. `skipped (est. 78 s/iter)`. */
  readonly cell: string;
  readonly reason: string;
  readonly estimatedSecondsPerIteration?: number;
}

/** A child process that crashed or timed out. */
export interface Failed {
  readonly status: 'failed';
  readonly cell: string;
  readonly reason: string;
}

export type Measurement = Timed | Skipped;
export type Outcome = Measurement | Failed;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * Times `run`, one fit of T iterations, after the caller's warm-up: each timing repeats fits until
 * their summed time reaches `minRunMs` (the first timing fixes that count for the others), up to
 * `repeats` timings while less than `budgetMs` went into timings. Only `run` is timed; `setup`
 * (a fresh model, say) runs before each fit, outside the clock.
 * @returns ms per iteration of each timing, the fits per timing, and the last fit's result.
 */
export async function timeFits<S, R>(
  meta: ProblemMeta,
  setup: () => S,
  run: (state: S) => R | Promise<R>,
): Promise<{ perIteration: number[]; fitsPerTiming: number; last: R }> {
  const { minRunMs, repeats, budgetMs } = meta.timing;
  const perIteration: number[] = [];
  let fitsPerTiming = 0;
  let spent = 0;
  let last: R | undefined;
  let hasLast = false;
  while (perIteration.length < repeats && (perIteration.length === 0 || spent < budgetMs)) {
    let elapsed = 0;
    let fits = 0;
    while (fitsPerTiming > 0 ? fits < fitsPerTiming : elapsed < minRunMs) {
      const state = setup();
      const began = performance.now();
      last = await run(state);
      elapsed += performance.now() - began;
      hasLast = true;
      fits++;
    }
    fitsPerTiming = fits;
    spent += elapsed;
    perIteration.push(elapsed / (fits * meta.iterations));
  }
  if (!hasLast) throw new Error('timeFits ran no fit');
  return { perIteration, fitsPerTiming, last: last as R };
}

/** Builds the report of a finished timing. */
export function timed(
  result: { perIteration: number[]; fitsPerTiming: number },
  logLikelihood: number,
  extra: { peakWasmBytes?: number; note?: string; logLikelihoodProblem?: string } = {},
): Timed {
  return {
    status: 'ok',
    msPerIteration: median(result.perIteration),
    perIteration: result.perIteration,
    fitsPerTiming: result.fitsPerTiming,
    logLikelihood,
    ...extra,
  };
}
