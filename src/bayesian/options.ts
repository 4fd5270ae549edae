/**
 * The options of `BayesianGaussianMixture.fit`: those it shares with `GaussianMixture.fit` go
 * through the same rules; the priors, `prune` and the two starts of its own (responsibilities, a
 * fitted Bayesian model) are read here.
 */
import { quotedNames, SKLEARN_TYPES } from '../covariance/index';
import { refusePrior } from '../covariance/prior-options';
import { aboutOption, readingOption } from '../errors';
import type { DenseMatrix, ResolvedFitOptions } from '../internal-types';
import type { SklearnCovarianceType } from '../types';
import { describeKind, refuseFloat32, resolveFitOptions } from '../validate/index';
import { informativeResponsibilities } from './observed';
import type { Priors } from './parameters';
import { PRIOR_OPTIONS, resolvePriors } from './priors';
import { readResponsibilities } from './start';
import type { BayesianState } from './state';

/** Where a variational fit starts. */
export type BayesianStart =
  | { readonly kind: 'initialiser' }
  | { readonly kind: 'responsibilities'; readonly responsibilities: Float64Array }
  | { readonly kind: 'model'; readonly state: BayesianState };

/** A variational fit's options after validation: the EM options, the priors and the start. */
export interface ResolvedBayesianOptions {
  /**
   * The options shared with `GaussianMixture.fit`, resolved as it resolves them (one of the four scikit-learn
   * types only).
   */
  readonly fit: ResolvedFitOptions & { readonly covariance: SklearnCovarianceType };
  /** The priors, each given one or the default computed from X. */
  readonly priors: Priors;
  /** Where the fit starts: the initialiser, given responsibilities, or a fitted model (warm start). */
  readonly start: BayesianStart;
  /** Whether components with Nₖ < 1 are dropped and the rest refitted (`prune: true`). */
  readonly prune: boolean;
}

/** The fitted models this module may continue from, registered by the model class as it builds them. */
const fittedStates = new WeakMap<object, BayesianState>();

/**
 * Records that `model` is a fitted Bayesian mixture with `state`, so that an `init` naming it can warm-start
 * from it.
 */
export function registerFitted(model: object, state: BayesianState): void {
  fittedStates.set(model, state);
}

/**
 * Checks the options against X and fills in every default.
 * @throws TypeError / RangeError as `GaussianMixture.fit`'s options, and for the priors (see
 *   `resolvePriors`), `prune`, `init.responsibilities`, a fitted model of another shape or type,
 *   `standardize: true`, which the priors, stated in X's units, do not allow. With `missing: 'em'`, X
 *   may hold NaN (missing values), and given responsibilities of rows with nothing observed are set
 *   aside with those rows.
 */
export function resolveBayesianOptions(options: unknown, X: DenseMatrix): ResolvedBayesianOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an object, got ${describeKind(options)}`);
  }
  const given = options as Readonly<Record<string, unknown>>;
  refuseFloat32(given, 'BayesianGaussianMixture');
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!(PRIOR_OPTIONS as readonly string[]).includes(key) && key !== 'prune') shared[key] = value;
  }
  const init = given.init;
  const fitted = typeof init === 'object' && init !== null ? fittedStates.get(init) : undefined;
  const withResponsibilities =
    typeof init === 'object' && init !== null && !fitted && Object.hasOwn(init, 'responsibilities');
  if (fitted || withResponsibilities) delete shared.init;
  const fit = sklearnCovariance(resolveFitOptions(shared, X));
  if (fit.standardize) {
    const message =
      'standardize is not available for BayesianGaussianMixture: its priors are stated in the units of X (scale X before fitting instead)';
    throw aboutOption(new RangeError(message), 'standardize');
  }
  refusePrior(
    fit,
    'BayesianGaussianMixture',
    'its priors are weightPrior, meanPrior, meanPrecision, degreesOfFreedom and covariancePrior',
  );
  const priors = resolvePriors(given, X, fit.sampleWeight, fit.components, fit.covariance);
  let start: BayesianStart = { kind: 'initialiser' };
  if (fitted) {
    start = { kind: 'model', state: readingOption('init', () => checkFitted(fitted, fit, priors, X.cols)) };
  } else if (withResponsibilities) {
    const responsibilities = readingOption('init', () =>
      readResponsibilities(init as Record<string, unknown>, X.rows, fit.components),
    );
    start = {
      kind: 'responsibilities',
      responsibilities:
        fit.missing === 'em' ? informativeResponsibilities(X, responsibilities) : responsibilities,
    };
  }
  const prune = given.prune ?? false;
  if (typeof prune !== 'boolean')
    throw aboutOption(new TypeError(`prune must be a boolean, got ${describeKind(prune)}`), 'prune');
  return { fit, priors, start, prune };
}

function checkFitted(
  state: BayesianState,
  fit: ResolvedFitOptions,
  priors: Priors,
  d: number,
): BayesianState {
  const k = state.params.meanPrecision.length;
  const features = state.params.means.length / k;
  if (features !== d) throw new RangeError(`init model has ${features} features, but X has ${d} columns`);
  if (k !== fit.components) {
    throw new RangeError(`init model has ${k} components, but components is ${fit.components}`);
  }
  if (state.covariance !== fit.covariance) {
    throw new RangeError(
      `init model has covariance '${state.covariance}', but covariance is '${fit.covariance}'`,
    );
  }
  if (state.priors.weightPrior !== priors.weightPrior) {
    throw new RangeError(
      `init model has weightPrior '${state.priors.weightPrior}', but weightPrior is '${priors.weightPrior}'`,
    );
  }
  return state;
}

/** The variational mixture has scikit-learn's four covariance types, not mclust's other ten. */
function sklearnCovariance(
  fit: ResolvedFitOptions,
): ResolvedFitOptions & { readonly covariance: SklearnCovarianceType } {
  const covariance = fit.covariance as SklearnCovarianceType;
  if (SKLEARN_TYPES.includes(covariance)) return { ...fit, covariance };
  throw aboutOption(
    new RangeError(
      `covariance must be one of ${quotedNames(SKLEARN_TYPES)} for BayesianGaussianMixture, got '${covariance}'`,
    ),
    'covariance',
  );
}
