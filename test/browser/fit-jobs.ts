/**
 * One function that runs a list of fits, called as it is in Node and handed to `page.evaluate` for the
 * browser, so both runtimes fit with exactly the same options. Playwright sends the function as its
 * source text: it must use nothing but its argument and the page's `window.gmm`.
 */
import { expect } from 'vitest';
import type { FitOptions } from '../../src/index';
import { flatNumbers } from '../helpers';
import type { Library } from './harness';

/** `FitOptions` that survive serialisation into a page (no callbacks, no signal). */
export type PlainFitOptions = Omit<FitOptions, 'onIteration' | 'signal'>;

export interface FitJobs {
  /** The matrices, each sent once however many jobs use it. */
  readonly data: readonly (readonly (readonly number[])[])[];
  readonly jobs: readonly { readonly data: number; readonly options: PlainFitOptions }[];
  /** The library in Node; a page uses its `window.gmm`. */
  readonly library?: Library;
}

/** What a fit gives, as plain numbers; `scoreSamples` is of every row of the job's data. */
export interface FitSummary {
  readonly weights: readonly number[];
  readonly means: readonly (readonly number[])[];
  readonly covariances: readonly (readonly (readonly number[])[])[];
  readonly logLikelihood: number;
  readonly history: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
  readonly seed: number;
  readonly scoreSamples: readonly number[];
}

export async function runFitJobs(input: FitJobs): Promise<FitSummary[]> {
  const { GaussianMixture } = input.library ?? window.gmm;
  const summaries: FitSummary[] = [];
  for (const job of input.jobs) {
    const X = input.data[job.data];
    if (X === undefined) throw new RangeError(`job refers to matrix ${job.data} of ${input.data.length}`);
    const model = await GaussianMixture.fit(X, job.options);
    summaries.push({
      weights: model.weights,
      means: model.means,
      covariances: model.covariances,
      logLikelihood: model.logLikelihood,
      history: model.history,
      iterations: model.iterations,
      converged: model.converged,
      seed: model.seed,
      scoreSamples: Array.from(model.scoreSamples(X)),
    });
  }
  return summaries;
}

/** Every number of `actual` has the bits of the same number of `expected` (Object.is: −0 ≠ 0, NaN = NaN). */
export function expectBitIdentical(actual: FitSummary, expected: FitSummary, what: string): void {
  expect(actual.iterations, `${what}: iterations`).toBe(expected.iterations);
  expect(actual.converged, `${what}: converged`).toBe(expected.converged);
  expect(actual.seed, `${what}: seed`).toBe(expected.seed);
  for (const key of [
    'weights',
    'means',
    'covariances',
    'logLikelihood',
    'history',
    'scoreSamples',
  ] as const) {
    const a = flatNumbers(actual[key]);
    const e = flatNumbers(expected[key]);
    expect(a.length, `${what}: ${key} length`).toBe(e.length);
    const first = e.findIndex((value, i) => !Object.is(a[i], value));
    if (first >= 0) {
      expect.fail(
        `${what}: ${key}[${first}] is ${a[first]} in the browser, ${e[first]} in Node (flat index)`,
      );
    }
  }
}
