/**
 * A model's means and covariances in the user's units. The model keeps its covariances in the
 * compact form of its type (K×D for diag, K for spherical) and evaluates them in that form; full
 * K×D×D matrices are built only when asked for (`model.covariances`), so a diagonal model of
 * thousands of features costs K×D numbers, not K×D².
 */
import { COVARIANCE_MODELS, STORAGE_FORMS } from './covariance/index';
import { choleskyLower } from './linalg';
import type { ModelState } from './model-state';
import { type Standardization, toOriginalUnits } from './standardize';
import type { CovarianceType } from './types';

/** How to draw from one component: the lower Cholesky factor of its covariance, or its diagonal's square roots. */
export type SamplingFactor = { readonly lower: Float64Array } | { readonly diagonal: Float64Array };

/**
 * A model's parameters mapped back to the user's units, with the full matrices and sampling factors built on
 * first use only.
 */
export class OriginalParameters {
  /** K: components. */
  readonly k: number;
  /** D: features. */
  readonly d: number;
  /** K×D means in the user's units. */
  readonly means: Float64Array;
  #full: Float64Array | undefined;

  constructor(private readonly state: ModelState) {
    const { weights, means } = state.parameters;
    const z = state.standardization;
    this.k = weights.length;
    this.d = means.length / this.k;
    const d = this.d;
    // As toOriginalUnits computes them.
    this.means = z
      ? means.map((value, i) => (z.mean[i % d] as number) + (z.scale[i % d] as number) * value)
      : means;
  }

  /** The means as K frozen rows (the model's `means`). */
  meanRows(): readonly (readonly number[])[] {
    return Object.freeze(rowsOf(this.means, this.k, this.d));
  }

  /** The full covariances as K frozen D×D matrices of frozen rows (the model's `covariances`). */
  covarianceRows(): readonly (readonly (readonly number[])[])[] {
    const { k, d } = this;
    const full = this.full();
    return Object.freeze(
      Array.from({ length: k }, (_, c) =>
        Object.freeze(rowsOf(full.subarray(c * d * d, (c + 1) * d * d), d, d)),
      ),
    );
  }

  /** Whether the type's compact covariances are diagonals (diag, spherical). */
  get diagonal(): boolean {
    const storage = STORAGE_FORMS[this.state.covariance];
    return storage === 'diag' || storage === 'spherical';
  }

  /** K full D×D covariances in the user's units, built on the first call. */
  full(): Float64Array {
    this.#full ??= this.buildFull();
    return this.#full;
  }

  /** Each feature's variance in component c, in the user's units (the diagonal of its covariance). */
  variances(c: number): Float64Array {
    const { d } = this;
    const model = COVARIANCE_MODELS[this.state.covariance];
    const z = this.state.standardization;
    const out = new Float64Array(d);
    if (this.diagonal) {
      // One component's compact covariance, expanded to a D×D diagonal only in index arithmetic.
      const compact = this.state.parameters.covariances;
      const perComponent = model.compactLength(d, 1);
      for (let j = 0; j < d; j++) {
        const value = compact[c * perComponent + (perComponent === d ? j : 0)] as number;
        out[j] = z ? value * ((z.scale[j] as number) * (z.scale[j] as number)) : value;
      }
      return out;
    }
    const full = this.full();
    for (let j = 0; j < d; j++) out[j] = full[c * d * d + j * d + j] as number;
    return out;
  }

  /**
   * The factor `sample` draws component c with. A full covariance in the user's units is
   * factorised as it is; should rounding in the change of units have cost it its positive
   * definiteness, the fit-units factor (which the kernels accepted, by the same rule) is scaled
   * instead: L = diag(s)·L′.
   * @throws Error when neither can be factorised (not for a model that fitted or loaded).
   */
  samplingFactor(c: number): SamplingFactor {
    const { d } = this;
    if (this.diagonal) return { diagonal: this.variances(c).map(Math.sqrt) };
    const lower = choleskyLower(this.full(), d, c * d * d);
    if (lower) return { lower };
    const model = COVARIANCE_MODELS[this.state.covariance];
    const fitUnits = model.toFull(this.state.parameters.covariances, d, this.k);
    const fitLower = choleskyLower(fitUnits, d, c * d * d);
    const z = this.state.standardization;
    if (!fitLower) throw new Error(`the covariance of component ${c} cannot be factorised to sample from`);
    if (z)
      for (let i = 0; i < d * d; i++)
        fitLower[i] = (fitLower[i] as number) * (z.scale[Math.floor(i / d)] as number);
    return { lower: fitLower };
  }

  private buildFull(): Float64Array {
    const { k, d } = this;
    const model = COVARIANCE_MODELS[this.state.covariance];
    const z = this.state.standardization;
    if (this.diagonal) {
      const out = new Float64Array(k * d * d);
      for (let c = 0; c < k; c++) {
        const variances = this.variances(c);
        for (let j = 0; j < d; j++) out[c * d * d + j * d + j] = variances[j] as number;
      }
      return out;
    }
    const full = model.toFull(this.state.parameters.covariances, d, k);
    return z ? toOriginalUnits(new Float64Array(0), full, z).covariances : full;
  }
}

/**
 * A standardized model reports its means and covariances in the user's units: m + s∘μ and
 * sⱼ·sₗ·Σⱼₗ must be doubles too. Returns what overflows, or undefined.
 */
export function overflowInOriginalUnits(
  type: CovarianceType,
  means: Float64Array,
  covariances: Float64Array,
  z: Standardization,
): string | undefined {
  const { mean: m, scale: s } = z;
  const d = s.length;
  for (let i = 0; i < means.length; i++) {
    const j = i % d;
    if (!Number.isFinite((m[j] as number) + (s[j] as number) * (means[i] as number)))
      return `means[${Math.floor(i / d)}][${j}] overflows in the data's units (standardization.mean + scale × mean)`;
  }
  // Entry i of a stack of D×D matrices meets features ⌊i/D⌋ mod D and i mod D; a diagonal entry
  // its own feature; a spherical variance every feature.
  const storage = STORAGE_FORMS[type];
  const matrices = storage !== 'diag' && storage !== 'spherical';
  let largest = 0;
  for (const value of s) largest = Math.max(largest, value);
  for (let i = 0; i < covariances.length; i++) {
    const value = covariances[i] as number;
    const [sj, sl] = matrices
      ? [s[Math.floor(i / d) % d] as number, s[i % d] as number]
      : storage === 'spherical'
        ? [largest, largest]
        : [s[i % d] as number, s[i % d] as number];
    // As toOriginalUnits computes it.
    if (!Number.isFinite(value * (sj * sl)))
      return `covariances overflow in the data's units (scale² × covariance, entry ${i} of the compact form)`;
  }
  return undefined;
}

function rowsOf(flat: Float64Array, rows: number, cols: number): readonly number[][] {
  return Array.from(
    { length: rows },
    (_, r) => Object.freeze(Array.from(flat.subarray(r * cols, (r + 1) * cols))) as number[],
  );
}
