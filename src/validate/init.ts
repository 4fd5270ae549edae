/**
 * Explicit starting parameters `{ weights?, means?, covariances? | precisions? }` and warm starts
 * from a fitted model: checked against K, D and the covariance type, and flattened, row-major, into
 * an `ExplicitStart`.
 */
import type { ExplicitStart } from '../types';
import { readCovariances, readPrecisions, type Shape } from './covariances';
import { readCount, readNumbers } from './lists';
import { checkProbabilities, GIVEN_SUM_TOLERANCE } from './probabilities';

const INIT_KEYS = ['weights', 'means', 'covariances', 'precisions'];

/**
 * Checks an init object against K, D and the covariance type, and flattens it. A fitted model —
 * recognised by a `toJSON` function and numeric `components` and `features`, so this module need not
 * import the model class — must have D features and K components; its weights, means and covariances
 * then pass the checks of an explicit start, and its `logLikelihood` (when a finite number) is kept.
 * Any part of an explicit start may be left out (the fit takes it from a `'kmeans'` start); given
 * weights are renormalised to sum to 1; covariances, or precisions (their inverses), in the compact
 * form of the type or as K full D×D matrices, are expanded to K full D×D covariance matrices.
 *
 * @param init - `{ weights?, means?, covariances? | precisions? }` or a fitted model, already known
 *   to be an object.
 * @param shape - K (components), D (columns of X) and the covariance type.
 * @returns the frozen start: weights (K), means (K×D), covariances (K×D×D), each `undefined` when
 *   not given.
 * @throws TypeError on an unknown key of an explicit start, both `covariances` and `precisions`, or
 *   an entry of the wrong kind.
 * @throws RangeError on a model of another K or D, a wrong count or length, a non-finite entry, a
 *   negative weight, weights not summing to 1 within 1e-6, a variance or precision ≤ 0, or matrices
 *   the type cannot represent or that are not symmetric positive definite.
 */
export function readStart(init: Readonly<Record<string, unknown>>, shape: Shape): ExplicitStart {
  if (isWarmStartSource(init)) {
    const { components, features } = init;
    if (features !== shape.features) {
      throw new RangeError(`init model has ${features} features, but X has ${shape.features} columns`);
    }
    if (components !== shape.components) {
      throw new RangeError(`init model has ${components} components, but components is ${shape.components}`);
    }
    // A model reports K full matrices in the user's units, whatever its type; the fit projects them
    // onto its own type in its own units (a standardized spherical model is diagonal in the user's).
    const logLikelihood = Number.isFinite(init.logLikelihood) ? (init.logLikelihood as number) : undefined;
    const { weights, means, covariances } = init;
    for (const [part, value] of Object.entries({ weights, means, covariances })) {
      if (value === undefined) throw new TypeError(`init model has no ${part}`);
    }
    return Object.freeze({
      ...readParameters({ weights, means, covariances }, { ...shape, covariance: 'full' }),
      logLikelihood,
    });
  }
  for (const key of Object.keys(init)) {
    if (!INIT_KEYS.includes(key)) {
      throw new TypeError(`unknown key '${key}' in init; expected weights, means, covariances, precisions`);
    }
  }
  if (init.covariances !== undefined && init.precisions !== undefined) {
    throw new TypeError('init takes covariances or precisions (their inverses), not both');
  }
  return Object.freeze({ ...readParameters(init, shape), logLikelihood: undefined });
}

/** A fitted model, which carries more keys than an explicit start and is read by shape. */
function isWarmStartSource(
  init: Readonly<Record<string, unknown>>,
): init is Readonly<Record<string, unknown>> & { components: number; features: number } {
  return (
    typeof init.toJSON === 'function' &&
    typeof init.components === 'number' &&
    typeof init.features === 'number'
  );
}

function readParameters(
  init: Readonly<Record<string, unknown>>,
  shape: Shape,
): Omit<ExplicitStart, 'logLikelihood'> {
  const weights = init.weights === undefined ? undefined : readWeights(init.weights, shape.components);
  const means = init.means === undefined ? undefined : readMeans(init.means, shape);
  const covariances =
    init.covariances !== undefined
      ? readCovariances(init.covariances, shape)
      : init.precisions !== undefined
        ? readPrecisions(init.precisions, shape)
        : undefined;
  return { weights, means, covariances };
}

function readMeans(value: unknown, { components, features }: Shape): Float64Array {
  const rows = readCount(value, 'init.means', components, 'rows (components)');
  const means = new Float64Array(components * features);
  for (let k = 0; k < components; k++) {
    readNumbers(rows[k], `init.means[${k}]`, features, 'columns of X', means, k * features);
  }
  return means;
}

function readWeights(value: unknown, components: number): Float64Array {
  const weights = new Float64Array(components);
  readNumbers(value, 'init.weights', components, 'components', weights, 0);
  const sum = checkProbabilities(weights, GIVEN_SUM_TOLERANCE, {
    negative: (k, weight) => new RangeError(`init.weights[${k}] must be ≥ 0, got ${weight}`),
    sum: (total) => new RangeError(`init.weights must sum to 1, got ${total}`),
  });
  return weights.map((weight) => weight / sum);
}
