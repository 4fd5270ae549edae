/**
 * Plain TypeScript twins of the wasm kernels for full covariances. They define the kernel contract:
 * the SIMD kernels must agree with these to rounding. Written for clarity; every result is a fresh
 * row-major Float64Array and the inputs are never modified.
 */

/** Sufficient statistics of one E-step, taken about fixed centers (see {@link accumulateFull}). */
export interface FullStatistics {
  /** K responsibility sums. */
  readonly nk: Float64Array;
  /** K×D first moments about the centers. */
  readonly first: Float64Array;
  /** K×D×D second moments about the centers, upper triangle only (lower triangle is 0). */
  readonly scatter: Float64Array;
}

/**
 * Cholesky factor of each component's precision, as scikit-learn's `precisions_cholesky_`.
 *
 * For each component c, L = chol(Σ_c) (lower) and U = (L⁻¹)ᵀ, so U·Uᵀ = Σ_c⁻¹.
 * @param cov - K×D×D symmetric covariances; only the lower triangle is read.
 * @returns `precChol` K×D×D holding U (exact zeros below the diagonal); `logDet` K values
 *   Σᵢ log U_ii = −½ log det Σ_c; `status` 0 if every matrix can be used, else the index of the first
 *   one that cannot, plus 1: a pivot that is not a finite number > 0 (not positive definite), an
 *   entry of L or U that is not finite, or a logDet that is not (a matrix so near singular that its
 *   precision overflows a double) — the rule of the wasm kernel and of `hasFinitePrecision` in
 *   src/linalg.ts. Components from the failing one on are left as zeros.
 */
export function choleskyPrecisionFull(
  cov: Float64Array,
  d: number,
  k: number,
): { precChol: Float64Array; logDet: Float64Array; status: number } {
  const precChol = new Float64Array(k * d * d);
  const logDet = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const chol = choleskyLowerOf(cov, c * d * d, d);
    const factor = chol && invertTransposed(chol, d);
    if (!factor) return { precChol, logDet, status: c + 1 };
    precChol.set(factor.u, c * d * d);
    logDet[c] = factor.sumLog;
  }
  return { precChol, logDet, status: 0 };
}

/** L with L·Lᵀ = the D×D matrix at `base`, or undefined for a bad pivot or a non-finite entry. */
function choleskyLowerOf(cov: Float64Array, base: number, d: number): Float64Array | undefined {
  const chol = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = cov[base + i * d + j] ?? 0;
      for (let m = 0; m < j; m++) sum -= (chol[i * d + m] ?? 0) * (chol[j * d + m] ?? 0);
      if (i === j) {
        if (!(sum > 0 && Number.isFinite(sum))) return undefined;
        chol[i * d + i] = Math.sqrt(sum);
      } else {
        const entry = sum / (chol[j * d + j] ?? 1);
        if (!Number.isFinite(entry)) return undefined;
        chol[i * d + j] = entry;
      }
    }
  }
  return chol;
}

/** U = (L⁻¹)ᵀ and Σ log U_ii, or undefined when an entry of U or the sum is not finite. */
function invertTransposed(chol: Float64Array, d: number): { u: Float64Array; sumLog: number } | undefined {
  const u = new Float64Array(d * d);
  let sumLog = 0;
  // Column j of L⁻¹ by forward substitution of L·v = e_j; it is row j of U.
  for (let j = 0; j < d; j++) {
    const ljj = chol[j * d + j] ?? 1;
    u[j * d + j] = 1 / ljj;
    sumLog -= Math.log(ljj);
    for (let i = j + 1; i < d; i++) {
      let sum = 0;
      for (let m = j; m < i; m++) sum -= (chol[i * d + m] ?? 0) * (u[j * d + m] ?? 0);
      const entry = sum / (chol[i * d + i] ?? 1);
      if (!Number.isFinite(entry)) return undefined;
      u[j * d + i] = entry;
    }
  }
  return Number.isFinite(sumLog) ? { u, sumLog } : undefined;
}

/**
 * Weighted log-density of every point under every component.
 *
 * out[i·K + c] = −½(D·ln 2π + ‖y‖²) + logDet[c] + logWeights[c], with y = Uᵀ(xᵢ − μ_c) = L⁻¹(xᵢ − μ_c),
 * i.e. y_j = Σ_{m≤j} (x_m − μ_m)·U_mj.
 * @param x - N×D points. @param means - K×D. @param precChol - K×D×D, upper triangles read.
 * @param logDet - K values from {@link choleskyPrecisionFull}. @param logWeights - K log mixing weights.
 * @returns N×K log-probabilities.
 */
export function logDensityFull(
  x: Float64Array,
  means: Float64Array,
  precChol: Float64Array,
  logDet: Float64Array,
  logWeights: Float64Array,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const out = new Float64Array(n * k);
  const diff = new Float64Array(d);
  const constant = d * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) diff[j] = (x[i * d + j] ?? 0) - (means[c * d + j] ?? 0);
      let squared = 0;
      for (let j = 0; j < d; j++) {
        let y = 0;
        for (let m = 0; m <= j; m++) y += (diff[m] ?? 0) * (precChol[c * d * d + m * d + j] ?? 0);
        squared += y * y;
      }
      out[i * k + c] = -0.5 * (constant + squared) + (logDet[c] ?? 0) + (logWeights[c] ?? 0);
    }
  }
  return out;
}

/**
 * Tied covariance: as {@link logDensityFull}, but every component shares one factor and one logDet.
 *
 * out[i·K + c] = −½(D·ln 2π + ‖Uᵀ(xᵢ − μ_c)‖²) + logDet[0] + logWeights[c].
 * @param precChol - D×D, upper triangle read. @param logDet - 1 value. @returns N×K log-probabilities.
 */
export function logDensityTied(
  x: Float64Array,
  means: Float64Array,
  precChol: Float64Array,
  logDet: Float64Array,
  logWeights: Float64Array,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const out = new Float64Array(n * k);
  const constant = d * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        let y = 0;
        for (let m = 0; m <= j; m++) {
          y += ((x[i * d + m] ?? 0) - (means[c * d + m] ?? 0)) * (precChol[m * d + j] ?? 0);
        }
        squared += y * y;
      }
      out[i * k + c] = -0.5 * (constant + squared) + (logDet[0] ?? 0) + (logWeights[c] ?? 0);
    }
  }
  return out;
}

/**
 * Covariances that share their axes, Σ_c = D·Λ_c·Dᵀ: as {@link logDensityFull}, by rotating each
 * difference onto the axes, yⱼ = Σₘ (xₘ − μ_cm)·D_mj, and weighting its squares by p_cj = 1/Λ_cj.
 *
 * out[i·K + c] = −½(D·ln 2π + Σⱼ p_cj yⱼ²) + logDet[c] + logWeights[c].
 * @param axes - D×D, column j the j-th axis. @param precisions - K×D, 1/Λ_c.
 * @returns N×K log-probabilities.
 */
export function logDensityOriented(
  x: Float64Array,
  means: Float64Array,
  axes: Float64Array,
  precisions: Float64Array,
  logDet: Float64Array,
  logWeights: Float64Array,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const out = new Float64Array(n * k);
  const constant = d * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        let y = 0;
        for (let m = 0; m < d; m++)
          y += ((x[i * d + m] ?? 0) - (means[c * d + m] ?? 0)) * (axes[m * d + j] ?? 0);
        squared += (precisions[c * d + j] ?? 0) * y * y;
      }
      out[i * k + c] = -0.5 * (constant + squared) + (logDet[c] ?? 0) + (logWeights[c] ?? 0);
    }
  }
  return out;
}

/**
 * Row-wise max-shifted log-sum-exp and responsibilities.
 *
 * logNorm[i] = m + ln Σ_c exp(v_c − m) with m the row maximum; resp[i·K + c] = exp(v_c − logNorm[i]);
 * total = Σᵢ logNorm[i]. A row that is entirely −Infinity (no component can explain the point) gets
 * logNorm −Infinity and uniform responsibilities 1/K, so nothing downstream sees NaN. Rows containing
 * +Infinity or NaN are outside the contract.
 * @param logProb - N×K log-probabilities; not modified.
 */
export function normalizeLogProb(
  logProb: Float64Array,
  n: number,
  k: number,
): { resp: Float64Array; logNorm: Float64Array; total: number } {
  const resp = new Float64Array(n * k);
  const logNorm = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, logProb[i * k + c] ?? 0);
    let norm: number;
    if (max === Number.NEGATIVE_INFINITY) {
      norm = max;
      for (let c = 0; c < k; c++) resp[i * k + c] = 1 / k;
    } else {
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp((logProb[i * k + c] ?? 0) - max);
      norm = max + Math.log(sum);
      for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp((logProb[i * k + c] ?? 0) - norm);
    }
    logNorm[i] = norm;
    total += norm;
  }
  return { resp, logNorm, total };
}

/**
 * Sample weights: resp[i·K + c] becomes wᵢ·γ_ic; total = Σ over rows with wᵢ > 0 of wᵢ·logNorm[i], so a
 * row of weight 0 counts for nothing even where its logNorm is −Infinity.
 * @param resp - N×K. @param logNorm - N. @param weights - N, ≥ 0.
 */
export function weightResponsibilities(
  resp: Float64Array,
  logNorm: Float64Array,
  weights: Float64Array,
  n: number,
  k: number,
): { resp: Float64Array; total: number } {
  const weighted = new Float64Array(n * k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 0;
    for (let c = 0; c < k; c++) weighted[i * k + c] = w * (resp[i * k + c] ?? 0);
    if (w > 0) total += w * (logNorm[i] ?? 0);
  }
  return { resp: weighted, total };
}

/**
 * M-step statistics about fixed centers (usually the current means, which keeps the sums small and
 * accurate). Statistics of disjoint chunks of rows add up.
 *
 * nk[c] = Σᵢ γ_ic; first[c·D + j] = Σᵢ γ_ic (x_ij − centers_cj);
 * scatter[c·D² + j·D + l] = Σᵢ γ_ic (x_ij − centers_cj)(x_il − centers_cl) for l ≥ j, 0 for l < j.
 * @param x - N×D points. @param resp - N×K responsibilities. @param centers - K×D.
 */
export function accumulateFull(
  x: Float64Array,
  resp: Float64Array,
  centers: Float64Array,
  n: number,
  d: number,
  k: number,
): FullStatistics {
  const nk = new Float64Array(k);
  const first = new Float64Array(k * d);
  const scatter = new Float64Array(k * d * d);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const gamma = resp[i * k + c] ?? 0;
      nk[c] = (nk[c] ?? 0) + gamma;
      for (let j = 0; j < d; j++) diff[j] = (x[i * d + j] ?? 0) - (centers[c * d + j] ?? 0);
      for (let j = 0; j < d; j++) {
        const gj = gamma * (diff[j] ?? 0);
        first[c * d + j] = (first[c * d + j] ?? 0) + gj;
        for (let l = j; l < d; l++) {
          const at = c * d * d + j * d + l;
          scatter[at] = (scatter[at] ?? 0) + gj * (diff[l] ?? 0);
        }
      }
    }
  }
  return { nk, first, scatter };
}

/**
 * Mixture parameters from the statistics, exactly as scikit-learn's `_estimate_gaussian_parameters`
 * followed by `_m_step`: nk' = nk + 10·ε; means = Σγx / nk'; covariances = Σγ(x−μ)(x−μ)ᵀ / nk' + regCovar·I;
 * weights = nk' / Σ nk'. The centered scatter comes from the shifted statistics without another pass:
 * with g = first_c and δ = μ_c − centers_c, Σγ(x−μ)(x−μ)ᵀ = S − g·δᵀ − δ·gᵀ + nk·δ·δᵀ.
 * @param stats - from {@link accumulateFull} with the same centers. @param centers - K×D.
 * @param _n - number of points; unused (weights are normalised by Σ nk'), kept for the kernel ABI.
 * @returns K weights, K×D means, K×D×D full symmetric covariances.
 */
export function mStepFull(
  stats: FullStatistics,
  centers: Float64Array,
  _n: number,
  d: number,
  k: number,
  regCovar: number,
): { weights: Float64Array; means: Float64Array; covariances: Float64Array } {
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  const shift = new Float64Array(d);
  let weightSum = 0;
  for (let c = 0; c < k; c++) {
    const nk = stats.nk[c] ?? 0;
    const nkSafe = nk + 10 * Number.EPSILON;
    weights[c] = nkSafe;
    weightSum += nkSafe;
    for (let j = 0; j < d; j++) {
      const center = centers[c * d + j] ?? 0;
      const mean = ((stats.first[c * d + j] ?? 0) + nk * center) / nkSafe;
      means[c * d + j] = mean;
      shift[j] = mean - center;
    }
    for (let j = 0; j < d; j++) {
      for (let l = j; l < d; l++) {
        const gj = stats.first[c * d + j] ?? 0;
        const gl = stats.first[c * d + l] ?? 0;
        const dj = shift[j] ?? 0;
        const dl = shift[l] ?? 0;
        const centered = (stats.scatter[c * d * d + j * d + l] ?? 0) - gj * dl - dj * gl + nk * dj * dl;
        const value = centered / nkSafe + (j === l ? regCovar : 0);
        covariances[c * d * d + j * d + l] = value;
        covariances[c * d * d + l * d + j] = value;
      }
    }
  }
  for (let c = 0; c < k; c++) weights[c] = (weights[c] ?? 0) / weightSum;
  return { weights, means, covariances };
}
