/**
 * The arithmetic under the row-by-row variational reference (./bayesian-missing.ts), its own and
 * independent of the library's: log Γ by Lanczos' approximation, ψ by recurrence and the asymptotic
 * series, Gauss–Jordan inversion, and the conditioning of one row on one Gaussian.
 */

/** a[i], for an index known to be in range. */
export function at<T>(a: readonly T[], i: number): T {
  return a[i] as T;
}
export const LOG_2PI = Math.log(2 * Math.PI);

// ---------- special functions (Lanczos log Γ, digamma by recurrence and asymptotic series) ----------

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function lgammaRef(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgammaRef(1 - x);
  // Shift up for accuracy: log Γ(x) = log Γ(x + n) − Σ log(x + i).
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift += Math.log(y);
    y += 1;
  }
  const z = y - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum) - shift;
}

export function digammaRef(x: number): number {
  let result = 0;
  let y = x;
  while (y < 12) {
    result -= 1 / y;
    y += 1;
  }
  const f = 1 / (y * y);
  const series =
    f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))));
  return result + Math.log(y) - 0.5 / y - series;
}

// ---------- small dense linear algebra (Gauss–Jordan with partial pivoting) ----------

function copy(a: number[][]): number[][] {
  return a.map((row) => row.slice());
}

/** A⁻¹ and log|A| of a symmetric positive definite A. */
export function inverseAndLogDet(a: number[][]): { inverse: number[][]; logDet: number } {
  const n = a.length;
  const m = copy(a);
  const inv = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)),
  );
  let logDet = 0;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(at(at(m, r), col)) > Math.abs(at(at(m, pivot), col))) pivot = r;
    [m[col], m[pivot]] = [at(m, pivot), at(m, col)];
    [inv[col], inv[pivot]] = [at(inv, pivot), at(inv, col)];
    const p = at(at(m, col), col);
    if (p === 0) throw new Error('reference: matrix not positive definite');
    logDet += Math.log(Math.abs(p));
    for (let j = 0; j < n; j++) {
      at(m, col)[j] = at(at(m, col), j) / p;
      at(inv, col)[j] = at(at(inv, col), j) / p;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = at(at(m, r), col);
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        at(m, r)[j] = at(at(m, r), j) - f * at(at(m, col), j);
        at(inv, r)[j] = at(at(inv, r), j) - f * at(at(inv, col), j);
      }
    }
  }
  return { inverse: inv, logDet };
}

function pick(a: number[][], rows: number[], cols: number[]): number[][] {
  return rows.map((i) => cols.map((j) => at(at(a, i), j)));
}

// ---------- one row under one Gaussian ----------

export interface RowTerms {
  /** log N(x_o | μ_o, Σ_oo). */
  logDensity: number;
  /** The completed row: x_o kept, x_m its conditional mean. */
  completed: number[];
  /** D×D, zero outside the missing block. */
  conditional: number[][];
  /** ½ log|2πe C| (0 when nothing is missing). */
  entropy: number;
}

export function conditionRow(x: number[], mean: number[], sigma: number[][]): RowTerms {
  const d = x.length;
  const o: number[] = [];
  const m: number[] = [];
  x.forEach((v, j) => {
    (Number.isNaN(v) ? m : o).push(j);
  });
  const soo = pick(sigma, o, o);
  const { inverse, logDet } = inverseAndLogDet(soo);
  const dev = o.map((j) => at(x, j) - at(mean, j));
  let quad = 0;
  for (let a = 0; a < o.length; a++)
    for (let b = 0; b < o.length; b++) quad += at(dev, a) * at(at(inverse, a), b) * at(dev, b);
  const logDensity = -0.5 * (o.length * LOG_2PI + logDet + quad);
  const completed = x.slice();
  const conditional = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  // B = Σ_mo Σ_oo⁻¹
  const B = m.map((i) =>
    o.map((_, b) => o.reduce((s, j, a) => s + at(at(sigma, i), j) * at(at(inverse, a), b), 0)),
  );
  m.forEach((i, t) => {
    completed[i] = at(mean, i) + o.reduce((s, _j, a) => s + at(at(B, t), a) * at(dev, a), 0);
  });
  m.forEach((i, t) => {
    m.forEach((l) => {
      at(conditional, i)[l] =
        at(at(sigma, i), l) - o.reduce((s, j, a) => s + at(at(B, t), a) * at(at(sigma, j), l), 0);
    });
  });
  let entropy = 0;
  if (m.length > 0) {
    const c = pick(conditional, m, m);
    entropy = 0.5 * (m.length * (1 + LOG_2PI) + inverseAndLogDet(c).logDet);
  }
  return { logDensity, completed, conditional, entropy };
}
