/** The model settings form: read into fit options (checked, with messages a person understands). */
import type { CovarianceType, InitMethod } from '../../src/index';
import { MENU_COVARIANCES } from './covariance-menu';
import { byId } from './dom';

/** The options of the form, as `GaussianMixture.fit` takes them. */
export interface ModelSettings {
  readonly components: number;
  readonly covariance: CovarianceType;
  readonly init: InitMethod;
  readonly restarts: number;
  readonly seed: number;
  readonly standardize: boolean;
  readonly maxIter: number;
  readonly tol: number;
  readonly regCovar: number;
}

/** The model-selection checkboxes: scikit-learn's four. */
const SELECTION_COVARIANCES: readonly CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
const INITS: readonly InitMethod[] = ['kmeans++', 'kmeans', 'random', 'random-from-data'];

/**
 * The form's current settings.
 * @throws Error naming the field when a value is missing or out of its range.
 */
export function readSettings(): ModelSettings {
  return {
    components: integer('k', 'K', 1, 10),
    covariance: choice('covariance', MENU_COVARIANCES),
    init: choice('init', INITS),
    restarts: integer('restarts', 'restarts', 1, 50),
    seed: integer('seed', 'seed', -(2 ** 31), 2 ** 32 - 1),
    standardize: byId('standardize', HTMLInputElement).checked,
    maxIter: integer('max-iter', 'max iter', 1, 10000),
    tol: number('tol', 'tol', 0, 1),
    regCovar: number('reg-covar', 'regCovar', 0, 10),
  };
}

/** The covariance types ticked for model selection, or `'all'`: mclust's fourteen. */
export function selectedCovariances(): CovarianceType[] | 'all' {
  if (byId('select-all-mclust', HTMLInputElement).checked) return 'all';
  const boxes = document.querySelectorAll<HTMLInputElement>('input[name="select-covariance"]:checked');
  return SELECTION_COVARIANCES.filter((type) => Array.from(boxes).some((box) => box.value === type));
}

/** Puts a fresh random seed into the form. */
export function newSeed(): void {
  byId('seed', HTMLInputElement).value = String(Math.floor(Math.random() * 1e6));
}

function number(id: string, name: string, min: number, max: number): number {
  const input = byId(id, HTMLInputElement);
  const value = input.value.trim() === '' ? Number.NaN : Number(input.value);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max} (got '${input.value}')`);
  return value;
}

function integer(id: string, name: string, min: number, max: number): number {
  const value = number(id, name, min, max);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number (got ${value})`);
  return value;
}

function choice<T extends string>(id: string, allowed: readonly T[]): T {
  const value = byId(id, HTMLSelectElement).value;
  const found = allowed.find((option) => option === value);
  if (found === undefined) throw new Error(`unknown ${id} '${value}'`);
  return found;
}
