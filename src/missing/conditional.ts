/**
 * The Gaussian conditioning behind EM with missing values (Ghahramani & Jordan 1994), per pattern of
 * observed (o) and missing (m) coordinates and per component: the marginal N(x_o | μ_o, Σ_oo) that
 * the E-step's densities use, and the regression E[x_m | x_o] = μ_m + B (x_o − μ_o) with
 * B = Σ_mo Σ_oo⁻¹ and residual covariance C = Σ_mm − B Σ_om that turn statistics of x_o into the
 * expected complete-data statistics the M-step needs.
 *
 * Because the completed row x̂ − μ = [I; B](x_o − μ_o) is linear in x_o, a pattern's statistics
 * centred on μ follow from its D_o-dimensional ones (count n, first moment g, scatter S) exactly:
 * first moment [g; B g], scatter [[S, S Bᵀ], [B S, B S Bᵀ + n C]]. Diagonal and spherical
 * covariances have B = 0 and C = diag(σ²_m).
 */

import type { MixtureParameters } from '../internal-types';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { MissingPattern } from './patterns';

/** The per-pattern statistics in D_o dimensions, as the kernels wrote them (centred on μ_o). */
export interface PatternStatistics {
  /** K: Nₖ of the pattern's rows. */
  readonly nk: Float64Array;
  /** K×D_o: Σ γ (x_o − μ_o) of the pattern's rows. */
  readonly first: Float64Array;
  /** K×D_o×D_o upper triangles (full, tied) or K×D_o squares (diag, spherical). */
  readonly scatter: Float64Array;
}

/** One pattern under one set of parameters: what the kernels need, and how to lift their results. */
export interface ConditionedPattern {
  /** K×D_o marginal means. */
  readonly means: Float64Array;
  /** The marginal covariances in the compact form of the type, in D_o dimensions. */
  readonly covariances: Float64Array;
  /** Adds the expected complete-data statistics of the pattern's rows into `into` (centred on μ). */
  lift(stats: PatternStatistics, into: SufficientStatistics): void;
}

/**
 * Conditions a pattern on every component.
 * @returns the conditioned pattern, or the index of a component whose Σ_oo is not positive definite.
 */
export type Conditioner = (
  params: MixtureParameters,
  d: number,
  pattern: MissingPattern,
) => ConditionedPattern | number;

/** Regression of the missing coordinates on the observed ones for one full D×D matrix. */
interface Regression {
  /** D_o×D_o: Σ_oo. */
  readonly marginal: Float64Array;
  /** D_m×D_o: B = Σ_mo Σ_oo⁻¹. */
  readonly coefficients: Float64Array;
  /** D_m×D_m: C = Σ_mm − B Σ_om. */
  readonly residual: Float64Array;
}

/** Σ_oo, B and C of the D×D matrix at `sigma[offset…]`; undefined when Σ_oo is not positive definite. */
export function regress(
  sigma: Float64Array,
  offset: number,
  d: number,
  observed: Int32Array,
  missing: Int32Array,
): Regression | undefined {
  const p = observed.length;
  const q = missing.length;
  const at = (i: number, j: number) => sigma[offset + i * d + j] as number;
  const marginal = new Float64Array(p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++) marginal[a * p + b] = at(observed[a] as number, observed[b] as number);
  const lower = cholesky(marginal, p);
  if (!lower) return undefined;
  const coefficients = new Float64Array(q * p);
  const row = new Float64Array(p);
  for (let i = 0; i < q; i++) {
    for (let a = 0; a < p; a++) row[a] = at(observed[a] as number, missing[i] as number);
    solveInPlace(lower, p, row);
    coefficients.set(row, i * p);
  }
  const residual = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      let value = at(missing[i] as number, missing[j] as number);
      for (let a = 0; a < p; a++)
        value -= (coefficients[i * p + a] as number) * at(observed[a] as number, missing[j] as number);
      residual[i * q + j] = value;
    }
  }
  return { marginal, coefficients, residual };
}

/** Lower Cholesky factor of a p×p matrix; undefined when it is not positive definite. */
function cholesky(matrix: Float64Array, p: number): Float64Array | undefined {
  const lower = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let pivot = matrix[j * p + j] as number;
    for (let t = 0; t < j; t++) pivot -= (lower[j * p + t] as number) ** 2;
    if (!(pivot > 0)) return undefined;
    const diagonal = Math.sqrt(pivot);
    lower[j * p + j] = diagonal;
    for (let i = j + 1; i < p; i++) {
      let value = matrix[i * p + j] as number;
      for (let t = 0; t < j; t++) value -= (lower[i * p + t] as number) * (lower[j * p + t] as number);
      lower[i * p + j] = value / diagonal;
    }
  }
  return lower;
}

/** Solves (L Lᵀ) y = b in place. */
function solveInPlace(lower: Float64Array, p: number, b: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let value = b[i] as number;
    for (let t = 0; t < i; t++) value -= (lower[i * p + t] as number) * (b[t] as number);
    b[i] = value / (lower[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let value = b[i] as number;
    for (let t = i + 1; t < p; t++) value -= (lower[t * p + i] as number) * (b[t] as number);
    b[i] = value / (lower[i * p + i] as number);
  }
}

/** The K×D_o marginal means of a pattern. */
function marginalMeans(means: Float64Array, d: number, k: number, observed: Int32Array): Float64Array {
  const p = observed.length;
  const out = new Float64Array(k * p);
  for (let c = 0; c < k; c++)
    for (let a = 0; a < p; a++) out[c * p + a] = means[c * d + (observed[a] as number)] as number;
  return out;
}

/**
 * Adds component c's lifted statistics (full-matrix layout: upper triangles of K×D×D) into `into`.
 * `stats` are D_o-dimensional; `regression` holds B and C of this component's covariance.
 */
function liftFull(
  stats: PatternStatistics,
  c: number,
  regression: Regression,
  pattern: MissingPattern,
  d: number,
  into: SufficientStatistics,
): void {
  const { observed, missing } = pattern;
  const p = observed.length;
  const q = missing.length;
  const { coefficients: B, residual: C } = regression;
  const n = stats.nk[c] as number;
  const g = stats.first.subarray(c * p, (c + 1) * p);
  const square = new Float64Array(p * p);
  const base = c * p * p;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const value = stats.scatter[base + a * p + b] as number;
      square[a * p + b] = value;
      square[b * p + a] = value;
    }
  }
  into.nk[c] = (into.nk[c] as number) + n;
  const first = into.first;
  const scatter = into.scatter;
  const add = (i: number, j: number, value: number) => {
    const index = c * d * d + (i < j ? i * d + j : j * d + i);
    scatter[index] = (scatter[index] as number) + value;
  };
  for (let a = 0; a < p; a++) {
    const oa = observed[a] as number;
    first[c * d + oa] = (first[c * d + oa] as number) + (g[a] as number);
    for (let b = a; b < p; b++) add(oa, observed[b] as number, square[a * p + b] as number);
  }
  // T = B S (D_m×D_o): the cross block, and B S Bᵀ from it.
  const cross = new Float64Array(q * p);
  for (let i = 0; i < q; i++) {
    const mi = missing[i] as number;
    let gi = 0;
    for (let a = 0; a < p; a++) gi += (B[i * p + a] as number) * (g[a] as number);
    first[c * d + mi] = (first[c * d + mi] as number) + gi;
    for (let b = 0; b < p; b++) {
      let value = 0;
      for (let a = 0; a < p; a++) value += (B[i * p + a] as number) * (square[a * p + b] as number);
      cross[i * p + b] = value;
      add(mi, observed[b] as number, value);
    }
  }
  for (let i = 0; i < q; i++) {
    for (let j = i; j < q; j++) {
      let value = n * (C[i * q + j] as number);
      for (let b = 0; b < p; b++) value += (cross[i * p + b] as number) * (B[j * p + b] as number);
      add(missing[i] as number, missing[j] as number, value);
    }
  }
}

/**
 * Adds component c's lifted statistics (diagonal layout: K×D squares) into `into`: observed
 * coordinates as the kernels counted them, each missing one its conditional variance times n.
 */
function liftDiagonal(
  stats: PatternStatistics,
  c: number,
  variances: (j: number) => number,
  pattern: MissingPattern,
  d: number,
  into: SufficientStatistics,
): void {
  const { observed, missing } = pattern;
  const p = observed.length;
  const n = stats.nk[c] as number;
  into.nk[c] = (into.nk[c] as number) + n;
  for (let a = 0; a < p; a++) {
    const index = c * d + (observed[a] as number);
    into.first[index] = (into.first[index] as number) + (stats.first[c * p + a] as number);
    into.scatter[index] = (into.scatter[index] as number) + (stats.scatter[c * p + a] as number);
  }
  for (const j of missing) into.scatter[c * d + j] = (into.scatter[c * d + j] as number) + n * variances(j);
}

const full: Conditioner = (params, d, pattern) => {
  const k = params.weights.length;
  const p = pattern.observed.length;
  const regressions: Regression[] = [];
  const covariances = new Float64Array(k * p * p);
  for (let c = 0; c < k; c++) {
    const regression = regress(params.covariances, c * d * d, d, pattern.observed, pattern.missing);
    if (!regression) return c;
    regressions.push(regression);
    covariances.set(regression.marginal, c * p * p);
  }
  return {
    means: marginalMeans(params.means, d, k, pattern.observed),
    covariances,
    lift(stats, into) {
      for (let c = 0; c < k; c++) liftFull(stats, c, regressions[c] as Regression, pattern, d, into);
    },
  };
};

const tied: Conditioner = (params, d, pattern) => {
  const k = params.weights.length;
  const regression = regress(params.covariances, 0, d, pattern.observed, pattern.missing);
  if (!regression) return 0;
  return {
    means: marginalMeans(params.means, d, k, pattern.observed),
    covariances: regression.marginal,
    lift(stats, into) {
      for (let c = 0; c < k; c++) liftFull(stats, c, regression, pattern, d, into);
    },
  };
};

const diag: Conditioner = (params, d, pattern) => {
  const k = params.weights.length;
  const { observed } = pattern;
  const p = observed.length;
  const variances = params.covariances;
  const covariances = new Float64Array(k * p);
  for (let c = 0; c < k; c++)
    for (let a = 0; a < p; a++) covariances[c * p + a] = variances[c * d + (observed[a] as number)] as number;
  return {
    means: marginalMeans(params.means, d, k, observed),
    covariances,
    lift(stats, into) {
      for (let c = 0; c < k; c++)
        liftDiagonal(stats, c, (j) => variances[c * d + j] as number, pattern, d, into);
    },
  };
};

const spherical: Conditioner = (params, d, pattern) => {
  const k = params.weights.length;
  const variances = params.covariances;
  return {
    means: marginalMeans(params.means, d, k, pattern.observed),
    covariances: variances.slice(),
    lift(stats, into) {
      for (let c = 0; c < k; c++) liftDiagonal(stats, c, () => variances[c] as number, pattern, d, into);
    },
  };
};

/** The covariance types EM with missing values supports, by name. */
export const CONDITIONERS: Readonly<Record<string, Conditioner | undefined>> = {
  full,
  tied,
  diag,
  spherical,
};
