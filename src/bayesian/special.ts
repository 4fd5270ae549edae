/**
 * The special functions of the variational bounds: log Γ, ψ (digamma), log B and the log normaliser
 * of the Wishart distribution. Arguments here are always positive (concentrations, half degrees of
 * freedom), so each function is defined for x > 0 only. Both series are evaluated at x ≥ 7 (log Γ)
 * or x ≥ 10 (ψ), where their truncation error is below 1e-17 relative, after the exact recurrences
 * Γ(x + 1) = x·Γ(x) and ψ(x + 1) = ψ(x) + 1/x carry small arguments there. Logarithms come from
 * `../math` so that every engine computes the same bits.
 */
import { log } from '../logarithm';

const HALF_LOG_TWO_PI = 0.9189385332046728;

/**
 * Where Stirling's series for log Γ starts: low, so that the terms it sums (and the logarithm of the
 * recurrence's product) stay small and round little; its eleventh term is below 1e-17 of log Γ(7).
 */
const STIRLING_FROM = 7;
/** Where the asymptotic series of ψ starts: its eighth term is below 1e-16 of ψ(10). */
const ASYMPTOTIC_FROM = 10;

/** B₂ₙ / (2n(2n − 1)) for n = 9 down to 1 (n = 10 starts the Horner loop). */
const STIRLING_COEFFICIENTS = [
  43867 / 244188,
  -3617 / 122400,
  1 / 156,
  -691 / 360360,
  1 / 1188,
  -1 / 1680,
  1 / 1260,
  -1 / 360,
  1 / 12,
];

/**
 * log Γ(x) for x > 0 (NaN otherwise), within a few ulps of the value (absolute error below 1e-14
 * near the zeros at 1 and 2).
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  let shift = 1;
  while (x < STIRLING_FROM) {
    shift *= x;
    x += 1;
  }
  const inverse = 1 / x;
  const square = inverse * inverse;
  // Bernoulli terms B₂ₙ / (2n(2n − 1)·x^(2n−1)), n = 1…10, by Horner's rule in 1/x².
  let series = -174611 / 125400;
  for (const coefficient of STIRLING_COEFFICIENTS) series = coefficient + square * series;
  series *= inverse;
  return (x - 0.5) * log(x) - x + HALF_LOG_TWO_PI + series - (shift === 1 ? 0 : log(shift));
}

/** ψ(x) = d/dx log Γ(x) for x > 0 (NaN otherwise), within a few ulps (absolute 1e-15 near its zero). */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Infinity) return Infinity;
  let result = 0;
  while (x < ASYMPTOTIC_FROM) {
    result -= 1 / x;
    x += 1;
  }
  const square = 1 / (x * x);
  // Bernoulli terms B₂ₙ / (2n·x^(2n)), n = 1…7.
  const series =
    square *
    (1 / 12 +
      square *
        (-1 / 120 +
          square *
            (1 / 252 + square * (-1 / 240 + square * (1 / 132 + square * (-691 / 32760 + square / 12))))));
  return result + log(x) - 0.5 / x - series;
}

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * Σⱼ₌₀^(D−1) log Γ((ν − j)/2): the multivariate log Γ_D(ν/2) without its constant D(D−1)/4·log π,
 * which scikit-learn's bound leaves out too. Needs ν > D − 1.
 */
export function sumLogGammaHalf(dof: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += logGamma(0.5 * (dof - j));
  return sum;
}

/** Σⱼ₌₀^(D−1) ψ((ν − j)/2), the expectation part of E[log |Λ|] under a Wishart with ν degrees of freedom. */
export function sumDigammaHalf(dof: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += digamma(0.5 * (dof - j));
  return sum;
}

/**
 * The log normaliser of a D-dimensional Wishart distribution, as scikit-learn's `_log_wishart_norm`:
 * −(ν·log|W|^½ + ν·D/2·log 2 + Σⱼ log Γ((ν − j)/2)), where `logDetCholesky` is log|W|^½, the log
 * determinant of the Cholesky factor of the scale matrix W (the precision, per degree of freedom).
 */
export function logWishartNorm(dof: number, logDetCholesky: number, d: number): number {
  return -(dof * logDetCholesky + dof * d * 0.5 * Math.LN2 + sumLogGammaHalf(dof, d));
}

/** log C(α) = log Γ(Σα) − Σ log Γ(αₖ): the log normaliser of a Dirichlet distribution. */
export function logDirichletNorm(concentration: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let c = 0; c < concentration.length; c++) {
    const alpha = concentration[c] as number;
    total += alpha;
    sum += logGamma(alpha);
  }
  return logGamma(total) - sum;
}
