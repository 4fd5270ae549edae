/**
 * A plain, row-by-row EM with missing values, written straight from the equations of Ghahramani &
 * Jordan (1994) and independent of the library's code: every row is conditioned on its own, with
 * full D×D matrices whatever the covariance type, and nothing is grouped, centred or vectorised.
 * It keeps the library's documented conventions: Nₖ + 10ε in the divisions, regCovar on the
 * diagonal, spherical as the mean of the diagonal variances, tied as the pooled scatter.
 *
 * For a row with observed coordinates o and missing m, under component k:
 *   log p(x_o | k) = log N(x_o | μ_o, Σ_oo)
 *   x̂_m = μ_m + Σ_mo Σ_oo⁻¹ (x_o − μ_o),  C = Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om
 * and the M-step uses E[x] = x̂ and E[(x − μ)(x − μ)ᵀ] = (x̂ − μ)(x̂ − μ)ᵀ + C (zero outside the mm block).
 */

export type ReferenceType = 'full' | 'tied' | 'diag' | 'spherical';

export interface ReferenceParameters {
  weights: number[];
  means: number[][];
  /** K full D×D matrices (tied: K copies of the one matrix). */
  covariances: number[][][];
}

export interface ReferenceResult extends ReferenceParameters {
  /** Mean observed-data log-likelihood at each E-step, then at the final parameters. */
  history: number[];
}

const TINY = 10 * Number.EPSILON;

/** A dense n×m matrix with checked reads, so the arithmetic below reads like the equations. */
class Mat {
  readonly data: Float64Array;
  constructor(
    readonly n: number,
    readonly m: number,
  ) {
    this.data = new Float64Array(n * m);
  }
  static from(rows: readonly (readonly number[])[]): Mat {
    const out = new Mat(rows.length, rows[0]?.length ?? 0);
    rows.forEach((row, i) => {
      row.forEach((v, j) => {
        out.set(i, j, v);
      });
    });
    return out;
  }
  get(i: number, j: number): number {
    return this.data[i * this.m + j] as number;
  }
  set(i: number, j: number, v: number): void {
    this.data[i * this.m + j] = v;
  }
  add(i: number, j: number, v: number): void {
    this.set(i, j, this.get(i, j) + v);
  }
  rows(): number[][] {
    return Array.from({ length: this.n }, (_, i) => Array.from({ length: this.m }, (_, j) => this.get(i, j)));
  }
}

function item(values: readonly number[] | Float64Array, i: number): number {
  return values[i] as number;
}

/** Lower Cholesky factor, or null when the matrix is not positive definite. */
function cholesky(a: Mat): Mat | null {
  const n = a.n;
  const l = new Mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a.get(i, j);
      for (let t = 0; t < j; t++) sum -= l.get(i, t) * l.get(j, t);
      if (i === j) {
        if (!(sum > 0)) return null;
        l.set(i, i, Math.sqrt(sum));
      } else {
        l.set(i, j, sum / l.get(j, j));
      }
    }
  }
  return l;
}

/** A⁻¹ b through the Cholesky factor L of A. */
function solve(l: Mat, b: readonly number[]): number[] {
  const n = l.n;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = item(b, i);
    for (let t = 0; t < i; t++) s -= l.get(i, t) * item(y, t);
    y[i] = s / l.get(i, i);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = item(y, i);
    for (let t = i + 1; t < n; t++) s -= l.get(t, i) * item(x, t);
    x[i] = s / l.get(i, i);
  }
  return x;
}

interface Conditioned {
  /** log N(x_o | μ_o, Σ_oo). */
  logDensity: number;
  /** The completed row x̂. */
  expected: number[];
  /** D×D conditional covariance (nonzero on the missing block only). */
  residual: Mat;
}

function condition(x: readonly number[], mu: readonly number[], sigma: Mat): Conditioned {
  const d = x.length;
  const o = x.flatMap((v, j) => (Number.isNaN(v) ? [] : [j]));
  const m = x.flatMap((v, j) => (Number.isNaN(v) ? [j] : []));
  const soo = new Mat(o.length, o.length);
  o.forEach((i, a) => {
    o.forEach((j, b) => {
      soo.set(a, b, sigma.get(i, j));
    });
  });
  const l = cholesky(soo);
  if (!l) throw new Error('reference: Σ_oo is not positive definite');
  const e = o.map((j) => item(x, j) - item(mu, j));
  const z = solve(l, e);
  let quad = 0;
  let logDet = 0;
  e.forEach((v, a) => {
    quad += v * item(z, a);
    logDet += 2 * Math.log(l.get(a, a));
  });
  const logDensity = -0.5 * (o.length * Math.log(2 * Math.PI) + logDet + quad);
  const expected = x.slice();
  const residual = new Mat(d, d);
  for (const j of m) {
    // Σ_oo⁻¹ Σ_o,j
    const column = solve(
      l,
      o.map((i) => sigma.get(i, j)),
    );
    let value = item(mu, j);
    o.forEach((i, a) => {
      value += sigma.get(j, i) * item(z, a);
    });
    expected[j] = value;
    for (const jj of m) {
      let r = sigma.get(jj, j);
      o.forEach((i, a) => {
        r -= sigma.get(jj, i) * item(column, a);
      });
      residual.set(jj, j, r);
    }
  }
  return { logDensity, expected, residual };
}

function logSumExp(values: readonly number[]): number {
  const top = Math.max(...values);
  return top + Math.log(values.reduce((s, v) => s + Math.exp(v - top), 0));
}

interface RowPosterior {
  gamma: number[];
  parts: Conditioned[];
}

/** One E-step: responsibilities, completed rows, conditional covariances, the observed log-likelihood. */
function eStep(X: readonly number[][], w: readonly number[], p: ReferenceParameters) {
  let total = 0;
  let weight = 0;
  const sigmas = p.covariances.map((c) => Mat.from(c));
  const rows = X.map((x, i): RowPosterior | null => {
    if (x.every((v) => Number.isNaN(v))) return null;
    const parts = sigmas.map((sigma, c) => condition(x, p.means[c] as number[], sigma));
    const logs = parts.map((part, c) => Math.log(item(p.weights, c)) + part.logDensity);
    const norm = logSumExp(logs);
    total += item(w, i) * norm;
    weight += item(w, i);
    return { gamma: logs.map((v) => Math.exp(v - norm)), parts };
  });
  return { rows, meanLogLikelihood: total / weight };
}

function mStep(
  w: readonly number[],
  rows: readonly (RowPosterior | null)[],
  type: ReferenceType,
  k: number,
  d: number,
  regCovar: number,
): ReferenceParameters {
  const nk = new Array<number>(k).fill(0);
  const means = new Mat(k, d);
  rows.forEach((row, i) => {
    if (!row) return;
    for (let c = 0; c < k; c++) {
      const g = item(w, i) * item(row.gamma, c);
      nk[c] = item(nk, c) + g;
      const x = (row.parts[c] as Conditioned).expected;
      for (let j = 0; j < d; j++) means.add(c, j, g * item(x, j));
    }
  });
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++) means.set(c, j, means.get(c, j) / (item(nk, c) + TINY));
  const scatters = Array.from({ length: k }, () => new Mat(d, d));
  rows.forEach((row, i) => {
    if (!row) return;
    for (let c = 0; c < k; c++) {
      const g = item(w, i) * item(row.gamma, c);
      const { expected, residual } = row.parts[c] as Conditioned;
      const scatter = scatters[c] as Mat;
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          const centred = (item(expected, a) - means.get(c, a)) * (item(expected, b) - means.get(c, b));
          scatter.add(a, b, g * (centred + residual.get(a, b)));
        }
      }
    }
  });
  const total = nk.reduce((s, v) => s + v + TINY, 0);
  const weights = nk.map((v) => (v + TINY) / total);
  const finish = (scatter: Mat, divisor: number): Mat => {
    const out = new Mat(d, d);
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) out.set(a, b, scatter.get(a, b) / divisor + (a === b ? regCovar : 0));
    return out;
  };
  let covariances: Mat[];
  if (type === 'tied') {
    const pooled = new Mat(d, d);
    for (const scatter of scatters)
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) pooled.add(a, b, scatter.get(a, b));
    const shared = finish(pooled, total);
    covariances = scatters.map(() => shared);
  } else {
    covariances = scatters.map((scatter, c) => {
      const full = finish(scatter, item(nk, c) + TINY);
      if (type === 'full') return full;
      const out = new Mat(d, d);
      let mean = 0;
      for (let a = 0; a < d; a++) mean += full.get(a, a) / d;
      for (let a = 0; a < d; a++) out.set(a, a, type === 'diag' ? full.get(a, a) : mean);
      return out;
    });
  }
  return { weights, means: means.rows(), covariances: covariances.map((c) => c.rows()) };
}

/**
 * `iterations` EM iterations from `start` (E-step then M-step each), then the final E-step's
 * log-likelihood, as the library's fit with `tol: 0, maxIter: iterations` does.
 */
export function referenceMissingEm(
  X: readonly number[][],
  start: ReferenceParameters,
  type: ReferenceType,
  iterations: number,
  regCovar: number,
  sampleWeight?: readonly number[],
): ReferenceResult {
  const w = sampleWeight ?? X.map(() => 1);
  const k = start.weights.length;
  const d = (X[0] as number[]).length;
  let params = start;
  const history: number[] = [];
  for (let t = 0; t < iterations; t++) {
    const { rows, meanLogLikelihood } = eStep(X, w, params);
    history.push(meanLogLikelihood);
    params = mStep(w, rows, type, k, d, regCovar);
  }
  history.push(eStep(X, w, params).meanLogLikelihood);
  return { ...params, history };
}

/**
 * Per row: log p(x_o) (0 with nothing observed), the responsibilities (the weights with nothing
 * observed) and the completed row E[x | x_o] (Σₖ πₖ μₖ with nothing observed).
 */
export function referencePosterior(
  X: readonly number[][],
  p: ReferenceParameters,
): { logDensity: number[]; responsibilities: number[][]; imputed: number[][] } {
  const sigmas = p.covariances.map((c) => Mat.from(c));
  const logDensity: number[] = [];
  const responsibilities: number[][] = [];
  const imputed: number[][] = [];
  for (const x of X) {
    if (x.every((v) => Number.isNaN(v))) {
      logDensity.push(0);
      responsibilities.push(p.weights.slice());
      imputed.push(
        x.map((_, j) => p.weights.reduce((s, pi, c) => s + pi * item(p.means[c] as number[], j), 0)),
      );
      continue;
    }
    const parts = sigmas.map((sigma, c) => condition(x, p.means[c] as number[], sigma));
    const logs = parts.map((part, c) => Math.log(item(p.weights, c)) + part.logDensity);
    const norm = logSumExp(logs);
    const gamma = logs.map((v) => Math.exp(v - norm));
    logDensity.push(norm);
    responsibilities.push(gamma);
    imputed.push(
      x.map((v, j) =>
        Number.isNaN(v) ? parts.reduce((s, part, c) => s + item(gamma, c) * item(part.expected, j), 0) : v,
      ),
    );
  }
  return { logDensity, responsibilities, imputed };
}
