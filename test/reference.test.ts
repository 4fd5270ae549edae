import { describe, expect, it } from 'vitest';
import { at, mulberry32, standardNormal } from './helpers';
import { plainEm } from './reference/em';
import {
  accumulateFull,
  choleskyPrecisionFull,
  logDensityFull,
  mStepFull,
  normalizeLogProb,
} from './reference/kernels';

function uniformArray(random: () => number, length: number, low = -1, high = 1): Float64Array {
  return Float64Array.from({ length }, () => low + (high - low) * random());
}

/** K random well-conditioned SPD matrices A·Aᵀ + D·I, as K×D×D. */
function randomSpd(random: () => number, d: number, k: number): Float64Array {
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const a = uniformArray(random, d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let sum = i === j ? d : 0;
        for (let m = 0; m < d; m++) sum += at(a, i * d + m) * at(a, j * d + m);
        out[c * d * d + i * d + j] = sum;
      }
    }
  }
  return out;
}

/** Inverse and log-determinant of one D×D matrix by Gauss–Jordan elimination with partial pivoting. */
function gaussJordan(matrix: Float64Array, d: number): { inverse: Float64Array; logDet: number } {
  const a = matrix.slice();
  const inverse = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inverse[i * d + i] = 1;
  let logDet = 0;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++)
      if (Math.abs(at(a, r * d + col)) > Math.abs(at(a, pivot * d + col))) pivot = r;
    for (let j = 0; j < d; j++) {
      [a[col * d + j], a[pivot * d + j]] = [at(a, pivot * d + j), at(a, col * d + j)];
      [inverse[col * d + j], inverse[pivot * d + j]] = [at(inverse, pivot * d + j), at(inverse, col * d + j)];
    }
    const p = at(a, col * d + col);
    logDet += Math.log(Math.abs(p));
    for (let j = 0; j < d; j++) {
      a[col * d + j] = at(a, col * d + j) / p;
      inverse[col * d + j] = at(inverse, col * d + j) / p;
    }
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const f = at(a, r * d + col);
      for (let j = 0; j < d; j++) {
        a[r * d + j] = at(a, r * d + j) - f * at(a, col * d + j);
        inverse[r * d + j] = at(inverse, r * d + j) - f * at(inverse, col * d + j);
      }
    }
  }
  return { inverse, logDet };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = at(expected, i);
    expect(Math.abs(at(actual, i) - e), `index ${i}`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(e)),
    );
  }
}

describe('choleskyPrecisionFull', () => {
  it.each([1, 2, 3, 5, 8])('gives U·Uᵀ·Σ = I and logDet = −½ log det Σ for d = %i', (d) => {
    const k = 3;
    const cov = randomSpd(mulberry32(d), d, k);
    const { precChol, logDet, status } = choleskyPrecisionFull(cov, d, k);
    expect(status).toBe(0);
    for (let c = 0; c < k; c++) {
      const base = c * d * d;
      const product = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          if (i > j) expect(at(precChol, base + i * d + j)).toBe(0);
          let sum = 0;
          for (let m = 0; m < d; m++) {
            let uut = 0;
            for (let l = 0; l < d; l++)
              uut += at(precChol, base + i * d + l) * at(precChol, base + m * d + l);
            sum += uut * at(cov, base + m * d + j);
          }
          product[i * d + j] = sum;
        }
      }
      const identity = Float64Array.from({ length: d * d }, (_, idx) => (idx % (d + 1) === 0 ? 1 : 0));
      expectClose(product, identity, 1e-12);
      const { logDet: direct } = gaussJordan(cov.subarray(base, base + d * d), d);
      expect(at(logDet, c)).toBeCloseTo(-0.5 * direct, 12);
    }
  });

  it('reads only the lower triangle', () => {
    const lower = Float64Array.of(4, 0, 2, 3);
    const full = Float64Array.of(4, 2, 2, 3);
    expect(choleskyPrecisionFull(lower, 2, 1)).toEqual(choleskyPrecisionFull(full, 2, 1));
  });

  it('names the first component that is not positive definite', () => {
    const good = [2, 0.5, 0.5, 1];
    const indefinite = [1, 2, 2, 1];
    const singular = [1, 1, 1, 1];
    const cov = (...matrices: number[][]) => Float64Array.from(matrices.flat());
    expect(choleskyPrecisionFull(cov(good, good, indefinite, good), 2, 4).status).toBe(3);
    expect(choleskyPrecisionFull(cov(good, singular, good, indefinite), 2, 4).status).toBe(2);
    expect(choleskyPrecisionFull(cov(indefinite, good), 2, 2).status).toBe(1);
    expect(choleskyPrecisionFull(cov(good, [Number.NaN, 0, 0, 1]), 2, 2).status).toBe(2);
    expect(choleskyPrecisionFull(cov(good, [1, 0, Number.POSITIVE_INFINITY, 1]), 2, 2).status).toBe(2);
    expect(choleskyPrecisionFull(cov(good, [Number.POSITIVE_INFINITY, 0, 0, 1]), 2, 2).status).toBe(2);
    expect(choleskyPrecisionFull(Float64Array.of(-1), 1, 1).status).toBe(1);
  });
});

describe('logDensityFull', () => {
  it.each([1, 2, 3, 4])('equals log w + log N(x; μ, Σ) from a direct inverse for d = %i', (d) => {
    const random = mulberry32(100 + d);
    const n = 7;
    const k = 3;
    const x = uniformArray(random, n * d, -3, 3);
    const means = uniformArray(random, k * d, -2, 2);
    const cov = randomSpd(random, d, k);
    const weights = Float64Array.of(0.2, 0.3, 0.5);
    const logWeights = weights.map(Math.log);
    const { precChol, logDet } = choleskyPrecisionFull(cov, d, k);
    const actual = logDensityFull(x, means, precChol, logDet, logWeights, n, d, k);
    const expected = new Float64Array(n * k);
    for (let c = 0; c < k; c++) {
      const { inverse, logDet: logDetCov } = gaussJordan(cov.subarray(c * d * d, (c + 1) * d * d), d);
      for (let i = 0; i < n; i++) {
        let quad = 0;
        for (let a = 0; a < d; a++) {
          for (let b = 0; b < d; b++) {
            const da = at(x, i * d + a) - at(means, c * d + a);
            const db = at(x, i * d + b) - at(means, c * d + b);
            quad += da * at(inverse, a * d + b) * db;
          }
        }
        expected[i * k + c] = Math.log(at(weights, c)) - 0.5 * (d * Math.log(2 * Math.PI) + logDetCov + quad);
      }
    }
    expectClose(actual, expected, 1e-12);
  });
});

describe('normalizeLogProb', () => {
  it('gives rows summing to 1 and a total equal to the sum of the row norms', () => {
    const random = mulberry32(7);
    const n = 9;
    const k = 4;
    const logProb = uniformArray(random, n * k, -50, 5);
    const copy = logProb.slice();
    const { resp, logNorm, total } = normalizeLogProb(logProb, n, k);
    expect(logProb).toEqual(copy);
    let sumNorm = 0;
    for (let i = 0; i < n; i++) {
      let rowSum = 0;
      let expSum = 0;
      for (let c = 0; c < k; c++) {
        rowSum += at(resp, i * k + c);
        expSum += Math.exp(at(logProb, i * k + c));
      }
      expect(rowSum).toBeCloseTo(1, 14);
      expect(at(logNorm, i)).toBeCloseTo(Math.log(expSum), 12);
      sumNorm += at(logNorm, i);
    }
    expect(total).toBeCloseTo(sumNorm, 12);
  });

  it('survives extreme rows without NaN or underflow', () => {
    const logProb = Float64Array.of(-1e300, 0, -1000, -1001, -800, -800);
    const { resp, logNorm, total } = normalizeLogProb(logProb, 3, 2);
    expect(Array.from(resp.subarray(0, 2))).toEqual([0, 1]);
    expect(at(logNorm, 0)).toBe(0);
    // exp(v − logNorm) loses about one ulp of |logNorm| ≈ 1000, as scikit-learn's does.
    const p = 1 / (1 + Math.exp(-1));
    expectClose(resp.subarray(2, 4), [p, 1 - p], 1e-12);
    expect(at(logNorm, 1)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 10);
    expectClose(resp.subarray(4, 6), [0.5, 0.5], 1e-12);
    expect(at(logNorm, 2)).toBeCloseTo(-800 + Math.LN2, 10);
    expect(total).toBeCloseTo(at(logNorm, 1) + at(logNorm, 2), 10);
  });

  it('gives a row that is all −Infinity uniform responsibilities and logNorm −Infinity', () => {
    const minus = Number.NEGATIVE_INFINITY;
    const { resp, logNorm } = normalizeLogProb(Float64Array.of(minus, minus, minus, 0, minus, -1), 2, 3);
    expectClose(resp.subarray(0, 3), [1 / 3, 1 / 3, 1 / 3], 1e-15);
    expect(at(logNorm, 0)).toBe(minus);
    expectClose(resp.subarray(3, 6), [1 / (1 + Math.exp(-1)), 0, Math.exp(-1) / (1 + Math.exp(-1))], 1e-15);
  });
});

/** Random points, responsibilities whose rows sum to 1, and centers away from the data mean. */
function statisticsFixture(seed: number, n: number, d: number, k: number) {
  const random = mulberry32(seed);
  const x = uniformArray(random, n * d, -4, 6);
  const resp = uniformArray(random, n * k, 0, 1);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += at(resp, i * k + c);
    for (let c = 0; c < k; c++) resp[i * k + c] = at(resp, i * k + c) / sum;
  }
  const centers = uniformArray(random, k * d, -1, 1);
  return { x, resp, centers };
}

describe('accumulateFull', () => {
  it('adds up over chunks of rows, and leaves the lower triangle 0', () => {
    const n = 23;
    const d = 3;
    const k = 2;
    const { x, resp, centers } = statisticsFixture(11, n, d, k);
    const all = accumulateFull(x, resp, centers, n, d, k);
    for (const split of [0, 1, 10, n]) {
      const head = accumulateFull(
        x.subarray(0, split * d),
        resp.subarray(0, split * k),
        centers,
        split,
        d,
        k,
      );
      const tail = accumulateFull(x.subarray(split * d), resp.subarray(split * k), centers, n - split, d, k);
      expectClose(
        head.nk.map((v, i) => v + at(tail.nk, i)),
        all.nk,
        1e-13,
      );
      expectClose(
        head.first.map((v, i) => v + at(tail.first, i)),
        all.first,
        1e-13,
      );
      expectClose(
        head.scatter.map((v, i) => v + at(tail.scatter, i)),
        all.scatter,
        1e-13,
      );
    }
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        for (let l = 0; l < j; l++) expect(at(all.scatter, c * d * d + j * d + l)).toBe(0);
      }
    }
  });
});

describe('mStepFull', () => {
  it.each([
    [1, 2],
    [3, 3],
    [5, 2],
  ])('equals a direct two-pass computation (d = %i, k = %i)', (d, k) => {
    const n = 31;
    const regCovar = 1e-3;
    const { x, resp, centers } = statisticsFixture(20 + d, n, d, k);
    const stats = accumulateFull(x, resp, centers, n, d, k);
    const { weights, means, covariances } = mStepFull(stats, centers, n, d, k, regCovar);

    const nkSafe = new Float64Array(k);
    const expectedMeans = new Float64Array(k * d);
    const expectedCov = new Float64Array(k * d * d);
    for (let c = 0; c < k; c++) {
      let nk = 0;
      for (let i = 0; i < n; i++) nk += at(resp, i * k + c);
      nkSafe[c] = nk + 10 * Number.EPSILON;
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += at(resp, i * k + c) * at(x, i * d + j);
        expectedMeans[c * d + j] = sum / at(nkSafe, c);
      }
      for (let j = 0; j < d; j++) {
        for (let l = 0; l < d; l++) {
          let sum = 0;
          for (let i = 0; i < n; i++) {
            const dj = at(x, i * d + j) - at(expectedMeans, c * d + j);
            const dl = at(x, i * d + l) - at(expectedMeans, c * d + l);
            sum += at(resp, i * k + c) * dj * dl;
          }
          expectedCov[c * d * d + j * d + l] = sum / at(nkSafe, c) + (j === l ? regCovar : 0);
        }
      }
    }
    const total = nkSafe.reduce((a, b) => a + b, 0);
    expectClose(
      weights,
      nkSafe.map((v) => v / total),
      1e-14,
    );
    expectClose(means, expectedMeans, 1e-12);
    expectClose(covariances, expectedCov, 1e-12);
  });
});

describe('plainEm', () => {
  const truth = [
    { mean: [-6, 0], sd: [1, 0.5], weight: 0.5 },
    { mean: [5, 4], sd: [0.7, 1.2], weight: 0.3 },
    { mean: [2, -6], sd: [0.5, 0.5], weight: 0.2 },
  ];
  const n = 600;
  const d = 2;
  const random = mulberry32(2024);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const u = random();
    const component = truth[u < 0.5 ? 0 : u < 0.8 ? 1 : 2];
    if (component === undefined) throw new Error('unreachable');
    for (let j = 0; j < d; j++)
      x[i * d + j] = at(component.mean, j) + at(component.sd, j) * standardNormal(random);
  }
  const start = {
    weights: Float64Array.of(1 / 3, 1 / 3, 1 / 3),
    means: Float64Array.of(-3, 1, 3, 1, 0, -3),
    covariances: Float64Array.of(4, 0, 0, 4, 4, 0, 0, 4, 4, 0, 0, 4),
  };

  it('never decreases the log-likelihood and recovers the components', () => {
    const startCopy = structuredClone(start);
    const result = plainEm(x, n, d, start, { iterations: 40, regCovar: 0 });
    expect(start).toEqual(startCopy);
    expect(result.history).toHaveLength(41);
    expect(result.logLikelihood).toBe(result.history[40]);
    for (let t = 1; t < result.history.length; t++) {
      const previous = at(result.history, t - 1);
      expect(at(result.history, t)).toBeGreaterThanOrEqual(previous - 1e-12 * Math.abs(previous));
    }
    expect(at(result.history, 40)).toBeGreaterThan(at(result.history, 0));
    expectClose(result.weights, [0.5, 0.3, 0.2], 0.06);
    expectClose(
      result.means,
      truth.flatMap((t) => t.mean),
      0.25,
    );
  });

  it('returns the start and its E-step for zero iterations', () => {
    const result = plainEm(x, n, d, start, { iterations: 0, regCovar: 0 });
    expect(result.history).toHaveLength(1);
    expect(result.means).toEqual(start.means);
    expect(result.means).not.toBe(start.means);
  });

  it('throws when a covariance is not positive definite', () => {
    const bad = { ...start, covariances: Float64Array.of(4, 0, 0, 4, 1, 2, 2, 1, 4, 0, 0, 4) };
    expect(() => plainEm(x, n, d, bad, { iterations: 3, regCovar: 0 })).toThrow(
      'plainEm: covariance of component 1 is not positive definite at E-step 0',
    );
  });
});
