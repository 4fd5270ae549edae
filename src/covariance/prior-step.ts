/**
 * MAP-EM's M-step under mclust's conjugate prior (./prior.ts), as mclust's `me*p` routines compute
 * it. With Nₖ the component's weight, x̄ₖ its mean, Wₖ its scatter about x̄ₖ, cₖ = κNₖ/(Nₖ + κ) and
 * Bₖ = Wₖ + cₖ(x̄ₖ − μₚ)(x̄ₖ − μₚ)ᵀ, the means move towards the prior's, μₖ = (Nₖx̄ₖ + κμₚ)/(Nₖ + κ),
 * and each model adds the prior scale Λ to Bₖ before its own constraint, dividing by counts that
 * include the degrees of freedom ν (δ = 1 when κ > 0, else 0):
 *
 *   EII  σ²  = Σₖ tr Bₖ / (ν + (N + K)·D + 2)            (mclust leaves Λ out here)
 *   VII  σ²ₖ = (Λ + tr Bₖ) / (ν + Nₖ·D + 2 + δ·D)
 *   EEI  λA  = (Λ + Σₖ diag Bₖ) / (ν + N + 1 + δ)        (mclust does not move EEI's means)
 *   VEI  λₖ, A from Λ + diag Bₖ by the VEI loop, λₖ's divisor D·Nₖ + ν + 2 + δ
 *   EVI  λAₖ: Aₖ ∝ Λ + diag Bₖ, λ = Σₖ |Λ + diag Bₖ|^(1/D) / (ν + N + 1 + δ)
 *   VVI  Σₖ  = (Λ + diag Bₖ) / (ν + Nₖ + 2 + δ)
 *   EEE  Σ   = (Λ + Σₖ Bₖ) / (ν + N + D + 1 + δ·K)
 *   EEV  Dₖ, ωₖ the eigen-decomposition of Λ + Bₖ; Σₖ = Dₖ·diag(Σₖ ωₖ)·Dₖᵀ / (ν + N + D + 1 + δ)
 *   VEV  the VEV loop on the eigenvalues of Λ + Bₖ, as without the prior (mclust leaves ν out)
 *   VVV  Σₖ  = (Λ + Bₖ) / (ν + Nₖ + D + 2)
 *
 * With one component mclust's `Mclust()` and `mclustBIC` fit `mvn()`, which is the VII, VVI or
 * (with ν + N + D + 1 + δ) the VVV formula whatever the model: so is this step at K = 1.
 * `regCovar` is added as Nₖ·regCovar to the diagonal of Wₖ, as without the prior.
 */

import { symmetricEigen } from '../eigen';
import type { SufficientStatistics } from '../sufficient-statistics';
import type { MixtureParameters } from '../types';
import { diagonalScatter } from './constrained';
import { centredScatter } from './full';
import { compose, geometricMean } from './matrix';
import { type MStepControl, regularisedCount } from './model';
import type { ConjugatePrior, PriorModel } from './prior';
import { volumeShape } from './volume-shape';

/** What every model's formula reads: the components' weights and their prior-augmented scatter. */
interface Posterior {
  /** K weights Nₖ + 10ε. */
  readonly nk: Float64Array;
  /** Σₖ Nₖ. */
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** Bₖ: K×D (diagonal models: the diagonal) or K×D×D. */
  readonly b: Float64Array;
  readonly prior: ConjugatePrior;
  /** 1 when the means are shrunk (κ > 0), else 0: mclust's extra degree of freedom for them. */
  readonly shrunk: number;
}

type Formula = (posterior: Posterior, control: MStepControl) => Float64Array;

/** The diagonal models, whose scatter is Wₖ's diagonal. */
const DIAGONAL: ReadonlySet<string> = new Set(['EII', 'VII', 'EEI', 'VEI', 'EVI', 'VVI']);

/**
 * The MAP M-step: weights as without the prior, the means and covariances (in the compact form of
 * the model's storage type) of mclust's formulas above.
 */
export function mapStep(
  stats: SufficientStatistics,
  d: number,
  regCovar: number,
  model: PriorModel,
  prior: ConjugatePrior,
  control: MStepControl,
): MixtureParameters {
  const { nk: counts, first, centers } = stats;
  const k = counts.length;
  const nk = counts.map(regularisedCount);
  const n = nk.reduce((sum, count) => sum + count, 0);
  const weights = nk.map((count) => count / n);
  const sample = new Float64Array(k * d);
  for (let i = 0; i < k * d; i++) {
    const count = counts[Math.floor(i / d)] as number;
    sample[i] = ((first[i] as number) + count * (centers[i] as number)) / (nk[Math.floor(i / d)] as number);
  }
  const form = k === 1 ? SINGLE_COMPONENT[model] : model;
  const diagonal = DIAGONAL.has(form);
  const b = diagonal ? diagonalScatter(stats, sample, d) : centredScatter(stats, sample, d);
  const { shrinkage, mean } = prior;
  const means = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const count = nk[c] as number;
    const pull = (shrinkage * count) / (count + shrinkage);
    for (let j = 0; j < d; j++) {
      const offset = (sample[c * d + j] as number) - (mean[j] as number);
      for (let l = diagonal ? j : 0; l < (diagonal ? j + 1 : d); l++) {
        const at = diagonal ? c * d + j : (c * d + j) * d + l;
        const cross = pull * offset * ((sample[c * d + l] as number) - (mean[l] as number));
        b[at] = (b[at] as number) + cross + (l === j ? count * regCovar : 0);
      }
      means[c * d + j] =
        form === 'EEI'
          ? (sample[c * d + j] as number)
          : (count * (sample[c * d + j] as number) + shrinkage * (mean[j] as number)) / (count + shrinkage);
    }
  }
  const posterior: Posterior = { nk, n, d, k, b, prior, shrunk: shrinkage > 0 ? 1 : 0 };
  return { weights, means, covariances: FORMULAS[form](posterior, control) };
}

/** mclust's `mvn()` at K = 1: XII (the VII formula), XXI (VVI's) or XXX, by storage. */
const SINGLE_COMPONENT: Readonly<Record<PriorModel, keyof typeof FORMULAS>> = {
  EII: 'VII',
  VII: 'VII',
  EEI: 'VVI',
  VEI: 'VVI',
  EVI: 'VVI',
  VVI: 'VVI',
  EEE: 'EEE',
  EEV: 'XXX',
  VEV: 'XXX',
  VVV: 'XXX',
};

/** Λ + Bₖ (diagonal: Λ + each diagonal value) for component c. */
function withScale({ b, prior, d }: Posterior, c: number, diagonal: boolean): Float64Array {
  const size = diagonal ? d : d * d;
  const out = b.slice(c * size, (c + 1) * size);
  for (let i = 0; i < size; i++)
    out[i] = (out[i] as number) + (diagonal ? (prior.scale[0] as number) : (prior.scale[i] as number));
  return out;
}

/** Full matrices Λ + Bₖ, each divided by its component's divisor. */
function fullDivided(posterior: Posterior, divisor: (c: number) => number): Float64Array {
  const { d, k } = posterior;
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const matrix = withScale(posterior, c, false);
    const by = divisor(c);
    for (let i = 0; i < d * d; i++) out[c * d * d + i] = (matrix[i] as number) / by;
  }
  return out;
}

/** Diagonals Λ + diag Bₖ, each divided by its component's divisor. */
function diagonalDivided(posterior: Posterior, divisor: (c: number) => number): Float64Array {
  const { d, k } = posterior;
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const diagonal = withScale(posterior, c, true);
    const by = divisor(c);
    for (let j = 0; j < d; j++) out[c * d + j] = (diagonal[j] as number) / by;
  }
  return out;
}

const FORMULAS = {
  EII: ({ b, n, d, k, prior }: Posterior) => {
    let sum = 0;
    for (let i = 0; i < b.length; i++) sum += b[i] as number;
    return new Float64Array(k).fill(sum / (prior.dof + (n + k) * d + 2));
  },
  VII: ({ b, nk, d, k, prior, shrunk }: Posterior) => {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let trace = 0;
      for (let j = 0; j < d; j++) trace += b[c * d + j] as number;
      out[c] = ((prior.scale[0] as number) + trace) / (prior.dof + (nk[c] as number) * d + 2 + shrunk * d);
    }
    return out;
  },
  EEI: ({ b, n, d, k, prior, shrunk }: Posterior) => {
    const pooled = new Float64Array(d).fill(prior.scale[0] as number);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++) pooled[j] = (pooled[j] as number) + (b[c * d + j] as number);
    const divisor = prior.dof + 1 + shrunk + n;
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[c * d + j] = (pooled[j] as number) / divisor;
    return out;
  },
  VEI: (posterior: Posterior, control: MStepControl) => {
    const { nk, d, k, prior, shrunk } = posterior;
    const w = diagonalDivided(posterior, () => 1);
    const divisors = nk.map((count) => d * count + prior.dof + 2 + shrunk);
    const start = control.carry?.VEI ?? new Float64Array(d).fill(1);
    const { scale, shape } = volumeShape(w, divisors, start, d, control);
    if (control.carry) control.carry.VEI = shape;
    const out = new Float64Array(k * d);
    for (let c = 0; c < k; c++)
      for (let j = 0; j < d; j++) out[c * d + j] = (scale[c] as number) * (shape[j] as number);
    return out;
  },
  EVI: (posterior: Posterior) => {
    const { n, d, k, prior, shrunk } = posterior;
    const shapes = diagonalDivided(posterior, () => 1);
    const volumes = Array.from({ length: k }, (_, c) => geometricMean(shapes, c * d, d));
    const lambda = volumes.reduce((sum, g) => sum + g, 0) / (prior.dof + 1 + n + shrunk);
    return shapes.map((value, i) => (lambda * value) / (volumes[Math.floor(i / d)] as number));
  },
  VVI: (posterior: Posterior) =>
    diagonalDivided(
      posterior,
      (c) => (posterior.nk[c] as number) + posterior.prior.dof + 2 + posterior.shrunk,
    ),
  EEE: (posterior: Posterior) => {
    const { b, n, d, k, prior, shrunk } = posterior;
    const out = prior.scale.slice();
    for (let c = 0; c < k; c++)
      for (let i = 0; i < d * d; i++) out[i] = (out[i] as number) + (b[c * d * d + i] as number);
    const divisor = prior.dof + d + 1 + shrunk * k + n;
    return out.map((value) => value / divisor);
  },
  EEV: (posterior: Posterior) => {
    const { n, d, k, prior, shrunk } = posterior;
    const eigen = Array.from({ length: k }, (_, c) => symmetricEigen(withScale(posterior, c, false), d));
    const pooled = new Float64Array(d);
    for (const { values } of eigen)
      for (let j = 0; j < d; j++) pooled[j] = (pooled[j] as number) + (values[j] as number);
    const out = new Float64Array(k * d * d);
    const divisor = prior.dof + d + 1 + shrunk + n;
    eigen.forEach(({ vectors }, c) => {
      compose(vectors, pooled, 1 / divisor, d, out, c * d * d);
    });
    return out;
  },
  VEV: (posterior: Posterior, control: MStepControl) => {
    const { nk, d, k } = posterior;
    const eigen = Array.from({ length: k }, (_, c) => symmetricEigen(withScale(posterior, c, false), d));
    const omega = new Float64Array(k * d);
    const start = new Float64Array(d);
    eigen.forEach(({ values }, c) => {
      omega.set(values, c * d);
      for (let j = 0; j < d; j++) start[j] = (start[j] as number) + (values[j] as number);
    });
    const volume = geometricMean(start);
    for (let j = 0; j < d; j++) start[j] = (start[j] as number) / volume;
    const divisors = nk.map((count) => d * count);
    const { scale, shape } = volumeShape(omega, divisors, control.carry?.VEV ?? start, d, control);
    if (control.carry) control.carry.VEV = shape;
    const out = new Float64Array(k * d * d);
    eigen.forEach(({ vectors }, c) => {
      compose(vectors, shape, scale[c] as number, d, out, c * d * d);
    });
    return out;
  },
  VVV: (posterior: Posterior) =>
    fullDivided(posterior, (c) => posterior.prior.dof + (posterior.nk[c] as number) + posterior.d + 2),
  XXX: (posterior: Posterior) =>
    fullDivided(posterior, () => posterior.prior.dof + posterior.n + posterior.d + 1 + posterior.shrunk),
} satisfies Record<string, Formula>;
