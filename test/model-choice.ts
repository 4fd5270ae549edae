/** Shared by the selection tests on real data: the data sets, mclust's choices and the call of the issue. */
import { readFileSync } from 'node:fs';
import type { CovarianceType, SelectModelOptions } from '../src/index';

export interface MclustChoice {
  readonly rows: number;
  readonly features: number;
  readonly best: {
    readonly components: number;
    readonly covariance: CovarianceType;
    readonly bic: number;
    readonly icl: number;
  };
  readonly table: readonly { components: number; covariance: CovarianceType; bic: number }[];
}

/** mclust's BIC table and best model (gmm-wasm's sign), from scripts/make-mclust-selection.R. */
export function mclustChoice(name: 'iris' | 'faithful'): MclustChoice {
  const text = readFileSync(new URL('./fixtures/mclust/model-choice.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as Record<string, MclustChoice>)[name] as MclustChoice;
}

/** The numeric columns of a CSV in demo/data, header skipped. */
export function demoData(file: string, columns: number): number[][] {
  const text = readFileSync(new URL(`../demo/data/${file}`, import.meta.url), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, columns).map(Number));
}

/** K = 1…6 × the four covariance types, ten random restarts, every other option at its default. */
export function everyCandidate(seed: number): SelectModelOptions {
  return {
    components: [1, 2, 3, 4, 5, 6],
    covariance: ['full', 'tied', 'diag', 'spherical'],
    restarts: 10,
    seed,
  };
}

export const SEEDS = Array.from({ length: 20 }, (_, seed) => seed);
