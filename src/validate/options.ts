/**
 * Fit options: K and the covariance type first, which the others are checked against, then one rule
 * per option, in a table, each turning a given value into its resolved form or throwing; absent
 * options take their defaults from `FIT_DEFAULTS` (../defaults.ts).
 */

import { COVARIANCE_MODELS } from '../covariance/index';
import { readPrior } from '../covariance/prior-options';
import { FIT_DEFAULTS } from '../defaults';
import { aboutOption, readingOption } from '../errors';
import type { InitMethod, IterationProgress } from '../fit-options';
import { HIERARCHY_ROWS } from '../hierarchical/start';
import type { DenseMatrix, ExplicitStart, ResolvedFitOptions } from '../internal-types';
import { randomSeed } from '../random';
import type { CovarianceType, MissingValues } from '../types';
import type { Shape } from './covariances';
import { readStart } from './init';
import { describeKind } from './matrix';
import { checkPrecisionCombination, readPrecision } from './precision';
import { readSampleWeight } from './sample-weight';
import { readSeed } from './seed';
import { readWorkerUrl } from './worker-url';

/** What every rule may check a value against: K, the covariance type, and X's rows and columns. */
interface Context extends Shape {
  readonly rows: number;
}

type Rule<T> = (value: unknown, option: string, context: Context) => T;
type Resolved = Omit<ResolvedFitOptions, 'components' | 'covariance'>;
type Given = Readonly<Record<string, unknown>>;

/** Every initialisation method of the API, as a table so that the compiler notices a missing one. */
const INIT_METHODS: Readonly<Record<InitMethod, true>> = {
  random: true,
  'kmeans++': true,
  kmeans: true,
  'random-from-data': true,
  hierarchical: true,
};

/** The options that become `ResolvedFitOptions`, in the order they are checked, after K and covariance. */
const RULES: { readonly [K in keyof Resolved]: { read: Rule<Resolved[K]>; absent: () => Resolved[K] } } = {
  init: { read: readInit, absent: () => FIT_DEFAULTS.init },
  restarts: { read: integerFrom(1), absent: () => FIT_DEFAULTS.restarts },
  maxIter: { read: integerFrom(0), absent: () => FIT_DEFAULTS.maxIter },
  tol: { read: finiteFromZero, absent: () => FIT_DEFAULTS.tol },
  regCovar: { read: finiteFromZero, absent: () => FIT_DEFAULTS.regCovar },
  seed: { read: readSeed, absent: randomSeed },
  standardize: { read: readBoolean, absent: () => FIT_DEFAULTS.standardize },
  sampleWeight: {
    read: (value, option, { rows, components }) => readSampleWeight(value, option, rows, components),
    absent: () => undefined,
  },
  onIteration: { read: readFunction, absent: () => undefined },
  signal: { read: readSignal, absent: () => undefined },
  workers: { read: integerFrom(0), absent: () => FIT_DEFAULTS.workers },
  workerUrl: { read: readWorkerUrl, absent: () => undefined },
  innerTol: { read: finiteNumber, absent: () => FIT_DEFAULTS.innerTol },
  innerMaxIter: { read: integerFrom(1), absent: () => FIT_DEFAULTS.innerMaxIter },
  missing: { read: readMissing, absent: () => FIT_DEFAULTS.missing },
  prior: { read: readPrior, absent: () => undefined },
  precision: { read: readPrecision, absent: () => FIT_DEFAULTS.precision },
};

const RULE_NAMES = Object.keys(RULES) as (keyof Resolved)[];
const KNOWN_OPTIONS = ['components', 'covariance', ...RULE_NAMES];

/**
 * Checks the options of `GaussianMixture.fit` against `X` and fills in every default: those of
 * `FIT_DEFAULTS`, a random uint32 seed, no sample weights. An option whose value is `undefined`
 * counts as absent. K and the covariance type are resolved first: an explicit init or a warm start from a
 * fitted model is checked against K, D and the type and flattened, its weights renormalised to sum
 * to 1 and its covariances expanded to K full D×D matrices. Sample weights are copied.
 *
 * @param options - what the user passed as `FitOptions`.
 * @param X - the validated data, for K ≤ N, the length of `sampleWeight` and the shape of an init.
 * @returns the frozen resolved options.
 * Every error about one option carries its name as the field `option` (see `OptionError`).
 *
 * @throws TypeError when `options` is not an object, has an unknown key, lacks `components`, or an
 *   option, explicit-init or sample-weight entry is of the wrong kind.
 * @throws RangeError when a value is out of range, K exceeds the rows of `X` or the rows of positive
 *   weight, an init has the wrong shape, weights not summing to 1 or covariances its type cannot
 *   represent or that are not symmetric positive definite, a sample weight is negative or all are
 *   zero, or `workers` is not an integer ≥ 0.
 */
export function resolveFitOptions(options: unknown, X: DenseMatrix): ResolvedFitOptions {
  const given = readGiven(options);
  const components = readingOption('components', () => readComponents(given.components, X.rows));
  // Before init, which reads covariances in the form of the chosen type.
  const covariance =
    given.covariance === undefined
      ? FIT_DEFAULTS.covariance
      : readingOption('covariance', () => readCovariance(given.covariance, 'covariance'));
  const context: Context = { components, covariance, features: X.cols, rows: X.rows };
  const resolved = Object.fromEntries(
    RULE_NAMES.map((option) => {
      const value = given[option];
      const rule = RULES[option];
      return [
        option,
        value === undefined ? rule.absent() : readingOption(option, () => rule.read(value, option, context)),
      ];
    }),
  ) as Resolved;
  // The prior regularises the covariances itself: as in mclust, nothing is added unless asked.
  const regCovar = resolved.prior && given.regCovar === undefined ? 0 : resolved.regCovar;
  checkPrecisionCombination(resolved);
  return Object.freeze({ components, covariance, ...resolved, regCovar });
}

/**
 * Whether options ask for EM with missing values, read ahead of full validation so that X can be
 * checked with NaN allowed; a wrong value of `missing` is reported by `resolveFitOptions`.
 *
 * @param options - what the user passed.
 * @returns true when `options.missing === 'em'`.
 * @throws never.
 */
export function allowsMissing(options: unknown): boolean {
  return isRecord(options) && options.missing === 'em';
}

function readGiven(options: unknown): Given {
  if (!isRecord(options)) throw new TypeError(`options must be an object, got ${describeKind(options)}`);
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw aboutOption(new TypeError(`unknown option '${key}'${didYouMean(key)}`), key);
    }
  }
  return options;
}

function readComponents(value: unknown, rows: number): number {
  if (value === undefined) {
    throw new TypeError('options.components is required: the number of mixture components');
  }
  const components = integerFrom(1)(value, 'components');
  if (components > rows) {
    throw new RangeError(`components (${components}) exceeds the number of rows (${rows})`);
  }
  return components;
}

/** An object that options or an init can be read from by key: not null, not an array or typed array. */
function isRecord(value: unknown): value is Given {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function readNumber(value: unknown, option: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${option} must be a number, got ${describeKind(value)}`);
  }
  return value;
}

function integerFrom(min: number): (value: unknown, option: string) => number {
  return (value, option) => {
    const n = readNumber(value, option);
    if (!Number.isInteger(n) || n < min) {
      throw new RangeError(`${option} must be an integer ≥ ${min}, got ${n}`);
    }
    return n;
  };
}

function finiteFromZero(value: unknown, option: string): number {
  const n = readNumber(value, option);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${option} must be a finite number ≥ 0, got ${n}`);
  return n;
}

function finiteNumber(value: unknown, option: string): number {
  const n = readNumber(value, option);
  if (!Number.isFinite(n)) throw new RangeError(`${option} must be a finite number, got ${n}`);
  return n;
}

function readBoolean(value: unknown, option: string): boolean {
  if (typeof value !== 'boolean') {
    throw new TypeError(`${option} must be a boolean, got ${describeKind(value)}`);
  }
  return value;
}

function readFunction(value: unknown, option: string): (progress: IterationProgress) => void {
  if (typeof value !== 'function') {
    throw new TypeError(`${option} must be a function, got ${describeKind(value)}`);
  }
  return value as (progress: IterationProgress) => void;
}

/** Duck-typed, so signals from other realms and polyfills are accepted. */
function readSignal(value: unknown, option: string): AbortSignal {
  if (isRecord(value) && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function') {
    return value as unknown as AbortSignal;
  }
  throw new TypeError(`${option} must be an AbortSignal, got ${describeKind(value)}`);
}

function readMissing(value: unknown, option: string): MissingValues {
  if (typeof value !== 'string')
    throw new TypeError(`${option} must be a string, got ${describeKind(value)}`);
  if (value !== 'error' && value !== 'em')
    throw new RangeError(`${option} must be 'error' or 'em', got '${value}'`);
  return value;
}

function readCovariance(value: unknown, option: string): CovarianceType {
  if (typeof value !== 'string') {
    throw new TypeError(`${option} must be a string, got ${describeKind(value)}`);
  }
  if (!Object.hasOwn(COVARIANCE_MODELS, value)) {
    throw new RangeError(`${option} must be one of ${quoted(COVARIANCE_MODELS)}, got '${value}'`);
  }
  return value as CovarianceType;
}

function readInit(value: unknown, option: string, shape: Shape): InitMethod | ExplicitStart {
  if (typeof value === 'string') {
    const method = readInitMethod(value, option);
    if (method === 'hierarchical' && shape.components > HIERARCHY_ROWS) {
      throw new RangeError(
        `${option} 'hierarchical' cuts at most ${HIERARCHY_ROWS} clusters from its tree of ${HIERARCHY_ROWS} rows, but components is ${shape.components}`,
      );
    }
    return method;
  }
  if (!isRecord(value)) {
    throw new TypeError(
      `${option} must be a string or { weights, means, covariances }, got ${describeKind(value)}`,
    );
  }
  return readStart(value, shape);
}

function readInitMethod(value: string, option: string): InitMethod {
  if (!Object.hasOwn(INIT_METHODS, value)) {
    throw new RangeError(
      `${option} must be one of ${quoted(INIT_METHODS)} or explicit { weights, means, covariances }, got '${value}'`,
    );
  }
  return value as InitMethod;
}

/** The keys of a table as a message lists them: `'a', 'b', 'c'`. */
function quoted(table: object): string {
  return Object.keys(table)
    .map((key) => `'${key}'`)
    .join(', ');
}

/** `; did you mean 'maxIter'?` for the known option nearest to `key`, within 2 edits ignoring case. */
function didYouMean(key: string): string {
  let nearest = '';
  let nearestDistance = 3;
  for (const known of KNOWN_OPTIONS) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance < nearestDistance) {
      nearest = known;
      nearestDistance = distance;
    }
  }
  return nearest === '' ? '' : `; did you mean '${nearest}'?`;
}

/** Levenshtein distance, one row at a time (the CLI's suggestions use it too). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
