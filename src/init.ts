/**
 * Starting parameters for one EM run, in the units of the fit's data (standardized when asked).
 * Every random choice comes from the restart's own seeded stream.
 */
import type { Random } from './random';
import { columnMoments } from './standardize';
import { mStep, type SufficientStatistics } from './statistics';
import type { DenseMatrix, ExplicitStart, MixtureParameters, ResolvedFitOptions } from './types';

export function initialParameters(
  init: ResolvedFitOptions['init'],
  X: DenseMatrix,
  k: number,
  random: Random,
  regCovar: number,
): MixtureParameters {
  switch (init) {
    case 'random':
      return randomStart(X, k, random);
    case 'kmeans++':
      return kmeansPlusPlusStart(X, k, random, regCovar);
    default:
      return explicitStart(init, X);
  }
}

/**
 * The original design: π = 1/K; μ = K distinct rows drawn at random; Σₖ = diag(uⱼ·var_j(X)) with
 * uⱼ ~ U(0.5, 1.5), so the start suits the data's scale. Rows with equal values are skipped while
 * others remain, since two components started on the same point would stay identical forever.
 */
function randomStart(X: DenseMatrix, k: number, random: Random): MixtureParameters {
  const d = X.cols;
  const variance = usableVariance(X);
  const rows = distinctRows(X, k, random);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  rows.forEach((row, c) => {
    means.set(X.data.subarray(row * d, row * d + d), c * d);
    for (let j = 0; j < d; j++) {
      covariances[c * d * d + j * d + j] = (0.5 + random.uniform()) * (variance[j] as number);
    }
  });
  return { weights: new Float64Array(k).fill(1 / k), means, covariances };
}

/** Per-column population variance, with 1 for a constant column (whose variance the M-step sets). */
function usableVariance(X: DenseMatrix): Float64Array {
  return columnMoments(X).variance.map((v) => (v > 0 ? v : 1));
}

/** k row indices drawn without replacement (a lazy Fisher–Yates shuffle), distinct in value if possible. */
function distinctRows(X: DenseMatrix, k: number, random: Random): number[] {
  const { rows, cols } = X;
  const swapped = new Map<number, number>();
  const chosen: number[] = [];
  const duplicates: number[] = [];
  for (let i = 0; i < rows && chosen.length < k; i++) {
    const j = i + random.integer(rows - i);
    const row = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    const isDuplicate = chosen.some((other) => sameRow(X.data, other, row, cols));
    (isDuplicate ? duplicates : chosen).push(row);
  }
  return chosen.concat(duplicates.slice(0, k - chosen.length));
}

function sameRow(data: Float64Array, a: number, b: number, cols: number): boolean {
  for (let j = 0; j < cols; j++) if (data[a * cols + j] !== data[b * cols + j]) return false;
  return true;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii): the first centre a random row, each next one a row drawn
 * with probability proportional to its squared distance from the nearest centre. Every row is then
 * assigned to its nearest centre and one M-step turns those hard labels into π, μ and Σ (unlike
 * scikit-learn, whose 'k-means++' start gives each component only its seed row and Σ = regCovar·I).
 */
function kmeansPlusPlusStart(X: DenseMatrix, k: number, random: Random, regCovar: number): MixtureParameters {
  const { data, rows, cols: d } = X;
  const centers = new Float64Array(k * d);
  const nearest = new Float64Array(rows).fill(Infinity);
  const labels = new Int32Array(rows);
  let next = random.integer(rows);
  for (let c = 0; c < k; c++) {
    centers.set(data.subarray(next * d, next * d + d), c * d);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const distance = squaredDistance(data, i * d, centers, c * d, d);
      if (distance < (nearest[i] as number)) {
        nearest[i] = distance;
        labels[i] = c;
      }
      total += nearest[i] as number;
    }
    next = total > 0 ? drawProportional(nearest, total * random.uniform()) : random.integer(rows);
  }
  return mStep(hardStatistics(X, labels, centers, k), d, regCovar);
}

function squaredDistance(
  a: Float64Array,
  aStart: number,
  b: Float64Array,
  bStart: number,
  d: number,
): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const e = (a[aStart + j] as number) - (b[bStart + j] as number);
    sum += e * e;
  }
  return sum;
}

/** The first index whose running sum of `weights` exceeds `target`. */
function drawProportional(weights: Float64Array, target: number): number {
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i] as number;
    if (running > target) return i;
  }
  return weights.length - 1;
}

/** Sufficient statistics of hard labels: each row counts fully for its own component. */
function hardStatistics(
  X: DenseMatrix,
  labels: Int32Array,
  centers: Float64Array,
  k: number,
): SufficientStatistics {
  const { data, rows, cols: d } = X;
  const nk = new Float64Array(k);
  const first = new Float64Array(k * d);
  const scatter = new Float64Array(k * d * d);
  const e = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    const c = labels[i] as number;
    nk[c] = (nk[c] as number) + 1;
    for (let j = 0; j < d; j++) {
      e[j] = (data[i * d + j] as number) - (centers[c * d + j] as number);
      first[c * d + j] = (first[c * d + j] as number) + (e[j] as number);
    }
    for (let j = 0; j < d; j++) {
      for (let l = j; l < d; l++) {
        const cell = c * d * d + j * d + l;
        scatter[cell] = (scatter[cell] as number) + (e[j] as number) * (e[l] as number);
      }
    }
  }
  return { rows, logLikelihood: 0, nk, first, scatter, centers };
}

/** Explicit parameters; missing covariances become the data's per-feature variance on the diagonal. */
function explicitStart(start: ExplicitStart, X: DenseMatrix): MixtureParameters {
  const k = start.weights.length;
  const d = X.cols;
  if (start.covariances)
    return { weights: start.weights, means: start.means, covariances: start.covariances };
  const variance = usableVariance(X);
  const covariances = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++) covariances[c * d * d + j * d + j] = variance[j] as number;
  return { weights: start.weights, means: start.means, covariances };
}
