/**
 * A plain, row-by-row variational Bayesian Gaussian mixture with missing values, written from the
 * equations and independent of the library's code: every row is conditioned on its own, every
 * covariance is a full D×D matrix whatever the type (diag and spherical are diagonal matrices, so
 * their regressions vanish by themselves), and the special functions are its own.
 *
 * Model (scikit-learn's `BayesianGaussianMixture`): q(z, x_m) q(π) q(μ, Λ), Λₖ ~ Wishart(νₖ, Wₖ),
 * μₖ | Λₖ ~ N(mₖ, (βₖΛₖ)⁻¹). With Σ̃ₖ = Wₖ⁻¹/νₖ,
 *   E_q[log πₖ + log N(x | μₖ, Λₖ)] = cₖ + log N(x | mₖ, Σ̃ₖ),
 *   cₖ = E[log πₖ] + ½(D log 2 + Σⱼ ψ((νₖ − j)/2)) − D/2·log νₖ − D/(2βₖ)   (j = 0 … D−1).
 * For a row with observed coordinates o and missing m, q(z = k, x_m) ∝ exp(cₖ) N(x | mₖ, Σ̃ₖ)
 * = exp(cₖ) N(x_o | mₖ,o, Σ̃ₖ,oo) · N(x_m | x̂ₖ,m, Cₖ), so
 *   rₖ ∝ exp(cₖ) N(x_o | mₖ,o, Σ̃ₖ,oo),  x̂ₖ,m = mₖ,m + Σ̃ₖ,mo Σ̃ₖ,oo⁻¹ (x_o − mₖ,o),
 *   Cₖ = Σ̃ₖ,mm − Σ̃ₖ,mo Σ̃ₖ,oo⁻¹ Σ̃ₖ,om,
 * the M-step takes Σᵢ rᵢₖ x̂ᵢₖ and Σᵢ rᵢₖ[(x̂ᵢₖ − x̄ₖ)(x̂ᵢₖ − x̄ₖ)ᵀ + Cᵢₖ], and the bound is
 * scikit-learn's `_compute_lower_bound` with −Σ r log r replaced by the entropy of q(z, x_m):
 * −Σᵢₖ rᵢₖ log rᵢₖ + Σᵢₖ rᵢₖ ½ log|2πe Cᵢₖ|. Rows with nothing observed take part in nothing.
 */

import {
  at,
  conditionRow,
  digammaRef,
  inverseAndLogDet,
  lgammaRef,
  type RowTerms,
} from './bayesian-missing-math';

export type RefType = 'full' | 'tied' | 'diag' | 'spherical';
export type RefWeightPrior = 'dirichlet-process' | 'dirichlet-distribution';

export interface RefPriors {
  weightPrior: RefWeightPrior;
  weightConcentration: number;
  meanPrecision: number;
  meanPrior: number[];
  degreesOfFreedom: number;
  /** W₀⁻¹ as a full D×D matrix (diag: diagonal; spherical: s·I). */
  covariancePrior: number[][];
}

export interface RefPosterior {
  /** Dirichlet process: [a, b]; Dirichlet distribution: [α]. */
  concentration: number[][];
  beta: number[];
  means: number[][];
  nu: number[];
  /** Σ̃ₖ = Wₖ⁻¹/νₖ, full D×D (tied: K copies). */
  covariances: number[][][];
}

export interface RefMixture {
  weights: number[];
  means: number[][];
  covariances: number[][][];
}

export type RefStart = { responsibilities: number[][] } | { mixture: RefMixture };

export interface RefOptions {
  type: RefType;
  components: number;
  priors: RefPriors;
  regCovar: number;
  iterations: number;
  start: RefStart;
  sampleWeight?: number[];
}

export interface RefResult {
  posterior: RefPosterior;
  /** The bound per unit of weight after each iteration. */
  history: number[];
  /** Nₖ under the final posterior. */
  sizes: number[];
}

const EPS10 = 10 * Number.EPSILON;

// ---------- the variational posterior's E-step constants ----------

function expectedLogWeights(post: RefPosterior): number[] {
  const [a, b] = post.concentration as [number[], number[] | undefined];
  if (!b) {
    const total = a.reduce((s, v) => s + v, 0);
    return a.map((v) => digammaRef(v) - digammaRef(total));
  }
  let tail = 0;
  return a.map((ak, k) => {
    const both = digammaRef(ak + at(b, k));
    const value = digammaRef(ak) - both + tail;
    tail += digammaRef(at(b, k)) - both;
    return value;
  });
}

function constants(post: RefPosterior): number[] {
  const d = at(post.means, 0).length;
  return expectedLogWeights(post).map((logPi, k) => {
    const nu = at(post.nu, k);
    let psi = 0;
    for (let j = 0; j < d; j++) psi += digammaRef((nu - j) / 2);
    return logPi + 0.5 * (d * Math.LN2 + psi) - 0.5 * d * Math.log(nu) - d / (2 * at(post.beta, k));
  });
}

function isEmpty(x: number[]): boolean {
  return x.every((v) => Number.isNaN(v));
}

interface EStep {
  resp: number[][];
  /** Per row and component. */
  terms: RowTerms[][];
  /** Per row, log Σₖ exp(cₖ + log N(x_o | …)). */
  logNorm: number[];
}

/** The E-step of every row (empty rows: responsibilities ∝ exp(cₖ), logNorm log Σ exp(cₖ), no terms). */
function eStep(X: number[][], logWeights: number[], means: number[][], covs: number[][][]): EStep {
  const k = logWeights.length;
  const resp: number[][] = [];
  const terms: RowTerms[][] = [];
  const logNorm: number[] = [];
  for (const x of X) {
    if (isEmpty(x)) {
      const top = Math.max(...logWeights);
      const total = logWeights.reduce((s, c) => s + Math.exp(c - top), 0);
      resp.push(logWeights.map((c) => Math.exp(c - top) / total));
      terms.push([]);
      logNorm.push(top + Math.log(total));
      continue;
    }
    const rowTerms = Array.from({ length: k }, (_, c) => conditionRow(x, at(means, c), at(covs, c)));
    const logRho = rowTerms.map((t, c) => at(logWeights, c) + t.logDensity);
    const top = Math.max(...logRho);
    const total = logRho.reduce((s, v) => s + Math.exp(v - top), 0);
    resp.push(logRho.map((v) => Math.exp(v - top) / total));
    terms.push(rowTerms);
    logNorm.push(top + Math.log(total));
  }
  return { resp, terms, logNorm };
}

function posteriorEStep(X: number[][], post: RefPosterior): EStep {
  return eStep(X, constants(post), post.means, post.covariances);
}

// ---------- the variational M-step ----------

function mStep(X: number[][], e: EStep, options: RefOptions, weights: number[]): RefPosterior {
  const { type, components: K, priors, regCovar } = options;
  const d = at(X, 0).length;
  const nk = new Array<number>(K).fill(0);
  const sums = Array.from({ length: K }, () => new Array<number>(d).fill(0));
  X.forEach((x, i) => {
    if (isEmpty(x)) return;
    for (let c = 0; c < K; c++) {
      const r = at(weights, i) * at(at(e.resp, i), c);
      nk[c] = at(nk, c) + r;
      const xh = at(at(e.terms, i), c).completed;
      const sum = at(sums, c);
      for (let j = 0; j < d; j++) sum[j] = at(sum, j) + r * at(xh, j);
    }
  });
  const n = nk.map((v) => v + EPS10);
  const xbar = sums.map((s, c) => s.map((v) => v / at(n, c)));
  const scatter = Array.from({ length: K }, () =>
    Array.from({ length: d }, () => new Array<number>(d).fill(0)),
  );
  X.forEach((x, i) => {
    if (isEmpty(x)) return;
    for (let c = 0; c < K; c++) {
      const r = at(weights, i) * at(at(e.resp, i), c);
      const t = at(at(e.terms, i), c);
      const mean = at(xbar, c);
      for (let a = 0; a < d; a++) {
        const row = at(at(scatter, c), a);
        for (let b = 0; b < d; b++) {
          const outer = (at(t.completed, a) - at(mean, a)) * (at(t.completed, b) - at(mean, b));
          row[b] = at(row, b) + r * (outer + at(at(t.conditional, a), b));
        }
      }
    }
  });
  // Sₖ of the type, regCovar on the diagonal.
  const total = n.reduce((s, v) => s + v, 0);
  const tiedS = Array.from({ length: d }, (_, a) =>
    Array.from(
      { length: d },
      (_, b) => scatter.reduce((s, m) => s + at(at(m, a), b), 0) / total + (a === b ? regCovar : 0),
    ),
  );
  const S = scatter.map((m, c) => {
    const full = m.map((row, a) => row.map((v, b) => v / at(n, c) + (a === b ? regCovar : 0)));
    if (type === 'full') return full;
    if (type === 'tied') return tiedS;
    if (type === 'diag') return full.map((row, a) => row.map((v, b) => (a === b ? v : 0)));
    const mean = full.reduce((s, row, a) => s + at(row, a), 0) / d;
    return full.map((row, a) => row.map((_, b) => (a === b ? mean : 0)));
  });
  const concentration =
    priors.weightPrior === 'dirichlet-distribution'
      ? [n.map((v) => priors.weightConcentration + v)]
      : [
          n.map((v) => 1 + v),
          n.map((_, c) => priors.weightConcentration + n.slice(c + 1).reduce((s, v) => s + v, 0)),
        ];
  const beta = n.map((v) => priors.meanPrecision + v);
  const means = xbar.map((xb, c) =>
    xb.map((v, j) => (priors.meanPrecision * at(priors.meanPrior, j) + at(n, c) * v) / at(beta, c)),
  );
  const diff = xbar.map((xb) => xb.map((v, j) => v - at(priors.meanPrior, j)));
  const W0inv = priors.covariancePrior;
  let nu: number[];
  let covariances: number[][][];
  if (type === 'tied') {
    const dof = priors.degreesOfFreedom + total / K;
    const winv = W0inv.map((row, a) =>
      row.map((v, b) => {
        let spread = 0;
        for (let c = 0; c < K; c++)
          spread += (at(n, c) / at(beta, c)) * at(at(diff, c), a) * at(at(diff, c), b);
        return v + (at(at(tiedS, a), b) * total) / K + (priors.meanPrecision / K) * spread;
      }),
    );
    nu = new Array<number>(K).fill(dof);
    covariances = Array.from({ length: K }, () => winv.map((row) => row.map((v) => v / dof)));
  } else {
    nu = n.map((v) => priors.degreesOfFreedom + v);
    covariances = S.map((s, c) => {
      const shrink = priors.meanPrecision / at(beta, c);
      const dd = at(diff, c);
      const spreadMean = dd.reduce((acc, v) => acc + v * v, 0) / d;
      return W0inv.map((row, a) =>
        row.map((v, b) => {
          let outer: number;
          if (type === 'full') outer = at(dd, a) * at(dd, b);
          else if (type === 'diag') outer = a === b ? at(dd, a) * at(dd, a) : 0;
          else outer = a === b ? spreadMean : 0;
          return (v + at(n, c) * (at(at(s, a), b) + shrink * outer)) / at(nu, c);
        }),
      );
    });
  }
  return { concentration, beta, means, nu, covariances };
}

// ---------- the bound ----------

function logWishartNormalizer(nu: number, cov: number[][]): number {
  // −log B(W, ν) with log|W|/2 = −½ log|Σ̃| − D/2·log ν, leaving out D(D−1)/4·log π as scikit-learn does.
  const d = cov.length;
  const halfLogDetW = -0.5 * inverseAndLogDet(cov).logDet - 0.5 * d * Math.log(nu);
  let gammas = 0;
  for (let j = 0; j < d; j++) gammas += lgammaRef((nu - j) / 2);
  return -(nu * halfLogDetW + 0.5 * nu * d * Math.LN2 + gammas);
}

function bound(X: number[][], e: EStep, post: RefPosterior, options: RefOptions, weights: number[]): number {
  const K = options.components;
  const d = at(X, 0).length;
  let entropy = 0;
  let totalWeight = 0;
  X.forEach((x, i) => {
    if (isEmpty(x)) return;
    totalWeight += at(weights, i);
    for (let c = 0; c < K; c++) {
      const r = at(at(e.resp, i), c);
      if (r > 0) entropy -= at(weights, i) * r * Math.log(r);
      entropy += at(weights, i) * r * at(at(e.terms, i), c).entropy;
    }
  });
  let logWishart = 0;
  if (options.type === 'tied') logWishart = K * logWishartNormalizer(at(post.nu, 0), at(post.covariances, 0));
  else
    for (let c = 0; c < K; c++) logWishart += logWishartNormalizer(at(post.nu, c), at(post.covariances, c));
  const [a, b] = post.concentration as [number[], number[] | undefined];
  let logNormWeight: number;
  if (b) {
    logNormWeight = -a.reduce(
      (s, ak, k) => s + lgammaRef(ak) + lgammaRef(at(b, k)) - lgammaRef(ak + at(b, k)),
      0,
    );
  } else {
    logNormWeight = lgammaRef(a.reduce((s, v) => s + v, 0)) - a.reduce((s, v) => s + lgammaRef(v), 0);
  }
  const logBeta = post.beta.reduce((s, v) => s + Math.log(v), 0);
  return (entropy - logWishart - logNormWeight - 0.5 * d * logBeta) / totalWeight;
}

// ---------- the fit ----------

function columnMeans(X: number[][], weights: number[]): number[] {
  const d = at(X, 0).length;
  return Array.from({ length: d }, (_, j) => {
    let sum = 0;
    let total = 0;
    X.forEach((x, i) => {
      if (Number.isNaN(at(x, j))) return;
      sum += at(weights, i) * at(x, j);
      total += at(weights, i);
    });
    return sum / total;
  });
}

function startingEStep(X: number[][], options: RefOptions, weights: number[]): EStep {
  const { start } = options;
  if ('mixture' in start) {
    const { mixture } = start;
    return eStep(X, mixture.weights.map(Math.log), mixture.means, mixture.covariances);
  }
  // Given responsibilities: each hole at its column's observed mean, no conditional spread.
  const fill = columnMeans(X, weights);
  const d = at(X, 0).length;
  const zero = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const terms = X.map((x) => {
    const completed = x.map((v, j) => (Number.isNaN(v) ? at(fill, j) : v));
    return Array.from({ length: options.components }, () => ({
      logDensity: 0,
      completed,
      conditional: zero,
      entropy: 0,
    }));
  });
  return { resp: start.responsibilities, terms, logNorm: [] };
}

export function referenceBayesianFit(X: number[][], options: RefOptions): RefResult {
  const weights = options.sampleWeight ?? X.map(() => 1);
  let post = mStep(X, startingEStep(X, options, weights), options, weights);
  const history: number[] = [];
  for (let t = 0; t < options.iterations; t++) {
    const e = posteriorEStep(X, post);
    post = mStep(X, e, options, weights);
    history.push(bound(X, e, post, options, weights));
  }
  const last = posteriorEStep(X, post);
  const sizes = new Array<number>(options.components).fill(0);
  X.forEach((x, i) => {
    if (isEmpty(x)) return;
    for (let c = 0; c < options.components; c++)
      sizes[c] = at(sizes, c) + at(weights, i) * at(at(last.resp, i), c);
  });
  return { posterior: post, history, sizes };
}

/** Per row: the variational responsibilities, score, and E_q[x] (holes filled). */
export function referenceScores(
  X: number[][],
  post: RefPosterior,
): { resp: number[][]; logNorm: number[]; imputed: number[][] } {
  const e = posteriorEStep(X, post);
  const imputed = X.map((x, i) => {
    if (isEmpty(x)) {
      return x.map((_, j) => at(e.resp, i).reduce((s, r, c) => s + r * at(at(post.means, c), j), 0));
    }
    return x.map((v, j) =>
      Number.isNaN(v)
        ? at(e.resp, i).reduce((s, r, c) => s + r * at(at(at(e.terms, i), c).completed, j), 0)
        : v,
    );
  });
  return { resp: e.resp, logNorm: e.logNorm, imputed };
}

/**
 * The default priors on data with holes: m₀ the observed column means; W₀⁻¹ with each column's
 * observed variance (Σw − 1) on the diagonal and, off it, the covariance of the mean-filled rows
 * (Σw − 1 over rows with an observed value); diag keeps the diagonal, spherical its mean.
 */
export function referenceDefaultPriors(
  X: number[][],
  type: RefType,
  components: number,
  weightPrior: RefWeightPrior,
  sampleWeight?: number[],
): RefPriors {
  const weights = sampleWeight ?? X.map(() => 1);
  const d = at(X, 0).length;
  const mean = columnMeans(X, weights);
  const rows = X.map((x, i) => ({ x, w: at(weights, i) })).filter(({ x }) => !isEmpty(x));
  const total = rows.reduce((s, { w }) => s + w, 0);
  const cov = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => {
      if (a === b) {
        let sum = 0;
        let seen = 0;
        for (const { x, w } of rows) {
          if (Number.isNaN(at(x, a))) continue;
          sum += w * (at(x, a) - at(mean, a)) ** 2;
          seen += w;
        }
        return sum / (seen - 1);
      }
      let sum = 0;
      for (const { x, w } of rows) {
        const fa = Number.isNaN(at(x, a)) ? at(mean, a) : at(x, a);
        const fb = Number.isNaN(at(x, b)) ? at(mean, b) : at(x, b);
        sum += w * (fa - at(mean, a)) * (fb - at(mean, b));
      }
      return sum / (total - 1);
    }),
  );
  let covariancePrior = cov;
  if (type === 'diag') covariancePrior = cov.map((row, a) => row.map((v, b) => (a === b ? v : 0)));
  if (type === 'spherical') {
    const s = cov.reduce((acc, row, a) => acc + at(row, a), 0) / d;
    covariancePrior = cov.map((row, a) => row.map((_, b) => (a === b ? s : 0)));
  }
  return {
    weightPrior,
    weightConcentration: 1 / components,
    meanPrecision: 1,
    meanPrior: mean,
    degreesOfFreedom: d,
    covariancePrior,
  };
}
