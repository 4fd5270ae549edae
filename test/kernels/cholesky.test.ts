import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choleskyPrecisionFull } from '../reference/kernels';
import {
  at,
  DIMENSIONS,
  expectClose,
  mulberry32,
  normalArray,
  randomSpd,
  seedOf,
  Workspace,
} from './harness';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

/** Runs the wasm kernel with scratch of exactly the documented d×d doubles, outputs pre-filled with NaN. */
function runCholesky(cov: Float64Array, d: number, k: number) {
  const covBuffer = ws.input(cov);
  const precChol = ws.output(k * d * d);
  const logDet = ws.output(k);
  const work = ws.output(d * d);
  const status = ws.kernels.choleskyPrecisionFull(
    covBuffer.ptr(),
    precChol.ptr(),
    logDet.ptr(),
    work.ptr(),
    d,
    k,
  );
  ws.expectUntouched();
  return { status, precChol: precChol.values(), logDet: logDet.values() };
}

/** log |det A| of a D×D matrix by Gaussian elimination with partial pivoting: independent of Cholesky. */
function logAbsDet(matrix: Float64Array, d: number): number {
  const a = matrix.slice();
  let logDet = 0;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let row = col + 1; row < d; row++) {
      if (Math.abs(at(a, row * d + col)) > Math.abs(at(a, pivot * d + col))) pivot = row;
    }
    for (let j = 0; j < d; j++) {
      const swap = at(a, col * d + j);
      a[col * d + j] = at(a, pivot * d + j);
      a[pivot * d + j] = swap;
    }
    const p = at(a, col * d + col);
    logDet += Math.log(Math.abs(p));
    for (let row = col + 1; row < d; row++) {
      const factor = at(a, row * d + col) / p;
      for (let j = col; j < d; j++) a[row * d + j] = at(a, row * d + j) - factor * at(a, col * d + j);
    }
  }
  return logDet;
}

/** Component c's D×D block of a K×D×D array. */
function component(all: Float64Array, c: number, d: number): Float64Array {
  return all.slice(c * d * d, (c + 1) * d * d);
}

/** U·Uᵀ·Σ for one component (U upper triangular, all three D×D row-major). */
function precisionTimesCovariance(u: Float64Array, sigma: Float64Array, d: number): Float64Array {
  const precision = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let m = Math.max(i, j); m < d; m++) sum += at(u, i * d + m) * at(u, j * d + m);
      precision[i * d + j] = sum;
    }
  }
  const product = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let m = 0; m < d; m++) sum += at(precision, i * d + m) * at(sigma, m * d + j);
      product[i * d + j] = sum;
    }
  }
  return product;
}

const CASES = DIMENSIONS.flatMap((d) => [1, 3, 5].map((k): [number, number] => [d, k]));

describe.each(CASES)('choleskyPrecisionFull d=%i k=%i', (d, k) => {
  const cov = randomSpd(mulberry32(seedOf(d, 0, k)), d, k);

  it('matches the reference, with exact zeros below the diagonal', () => {
    const expected = choleskyPrecisionFull(cov, d, k);
    const actual = runCholesky(cov, d, k);
    expect(expected.status).toBe(0);
    expect(actual.status).toBe(0);
    for (let c = 0; c < k; c++) {
      const u = component(actual.precChol, c, d);
      // Entries of one factor share its magnitude; small ones are differences of larger ones.
      const scale = Math.max(...component(expected.precChol, c, d).map(Math.abs));
      expectClose(u, component(expected.precChol, c, d), scale);
      const below = Array.from({ length: d * d }, (_, cell) => cell).filter(
        (cell) => cell % d < Math.floor(cell / d),
      );
      expect(below.map((cell) => u[cell])).toEqual(below.map(() => 0));
    }
    // log U_ii = −log L_ii are each O(1) here, so d bounds the magnitude of the summed terms.
    expectClose(actual.logDet, expected.logDet, d);
  });

  it('gives U·Uᵀ·Σ = I and logDet = −½ log det Σ', () => {
    const actual = runCholesky(cov, d, k);
    const identity = Float64Array.from({ length: d * d }, (_, cell) => (cell % (d + 1) === 0 ? 1 : 0));
    for (let c = 0; c < k; c++) {
      const sigma = component(cov, c, d);
      // Condition numbers below ~10 (see randomSpd): a d-term dot product errs by about d·ε·κ.
      expectClose(precisionTimesCovariance(component(actual.precChol, c, d), sigma, d), identity, d * 10);
      expectClose([at(actual.logDet, c)], [-0.5 * logAbsDet(sigma, d)], d);
    }
  });

  it('reads only the lower triangle of Σ', () => {
    // NaN strictly above each diagonal: any read of it would poison the factor.
    const lowerOnly = cov.map((v, cell) => {
      const inMatrix = cell % (d * d);
      return inMatrix % d > Math.floor(inMatrix / d) ? Number.NaN : v;
    });
    const full = runCholesky(cov, d, k);
    const lower = runCholesky(lowerOnly, d, k);
    expect(lower.status).toBe(0);
    expect(lower.precChol).toEqual(full.precChol);
    expect(lower.logDet).toEqual(full.logDet);
  });
});

/** Ways for component 2 of a batch to fail, each a symmetric D×D matrix. */
const NOT_POSITIVE_DEFINITE: Record<string, (d: number) => Float64Array> = {
  // Householder reflection I − 2vvᵀ: eigenvalues 1 and −1, yet its diagonal is mostly positive.
  'a negative eigenvalue': (d) => {
    const v = normalArray(mulberry32(d), d);
    const norm = Math.hypot(...v);
    return Float64Array.from({ length: d * d }, (_, cell) => {
      const i = Math.floor(cell / d);
      const j = cell % d;
      return (i === j ? 1 : 0) - (2 * at(v, i) * at(v, j)) / (norm * norm);
    });
  },
  'the zero matrix': (d) => new Float64Array(d * d),
  // In the lower triangle (the part that is read), last row: reaches the last pivot through L.
  'a NaN entry': (d) => {
    const m = randomSpd(mulberry32(d), d, 1);
    m[(d - 1) * d] = Number.NaN;
    return m;
  },
  'an infinite diagonal entry': (d) => {
    const m = randomSpd(mulberry32(d), d, 1);
    m[(d - 1) * (d + 1)] = Number.POSITIVE_INFINITY;
    return m;
  },
  // A first pivot of 1e-300 under entries of 1e200: the first column of L overflows (L₁₀ = 1e350).
  'an entry of L that overflows': (d) => {
    const m = randomSpd(mulberry32(d), d, 1);
    m[0] = 1e-300;
    for (let i = 1; i < d; i++) {
      m[i * d] = 1e200;
      m[i] = 1e200;
    }
    return m;
  },
};

describe('choleskyPrecisionFull and its twin at extreme magnitudes', () => {
  it('agree on which of 600 matrices scaled by 1e±300 and with entries perturbed can be used', () => {
    const random = mulberry32(20261202);
    const statuses = [0, 0];
    for (let trial = 0; trial < 600; trial++) {
      const d = 1 + (trial % 6);
      const m = randomSpd(random, d, 1);
      // Row and column scalings over the whole double range, then a random entry pushed toward ±its partner.
      const scale = Float64Array.from({ length: d }, () => 10 ** Math.round(600 * random() - 300));
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) m[i * d + j] = at(m, i * d + j) * at(scale, i) * at(scale, j);
      if (d > 1 && random() < 0.5) {
        const i = 1 + Math.floor(random() * (d - 1));
        const value = Math.sqrt(at(m, 0) * at(m, i * d + i)) * (1 + 1e-3 * at(normalArray(random, 1), 0));
        m[i * d] = value;
        m[i] = value;
      }
      const expected = choleskyPrecisionFull(m, d, 1);
      const actual = runCholesky(m, d, 1);
      expect([trial, actual.status]).toEqual([trial, expected.status]);
      statuses[expected.status] = (statuses[expected.status] ?? 0) + 1;
    }
    // Both outcomes occur often, so the agreement covers the refusals as well as the factorisations.
    expect(Math.min(...statuses)).toBeGreaterThan(50);
  });
});

describe.each(
  Object.keys(NOT_POSITIVE_DEFINITE).flatMap((kind) =>
    // A 1×1 matrix has no entry of L below the diagonal.
    (kind === 'an entry of L that overflows' ? [3, 17] : [1, 3, 17]).map((d): [string, number] => [kind, d]),
  ),
)('choleskyPrecisionFull, component 2 of 4 with %s, d=%i', (kind, d) => {
  it('returns status 3, the first two components still factored', () => {
    const make = NOT_POSITIVE_DEFINITE[kind];
    if (!make) throw new Error(`no matrix for ${kind}`);
    const cov = randomSpd(mulberry32(seedOf(d, 0, 4)), d, 4);
    cov.set(make(d), 2 * d * d);
    const expected = choleskyPrecisionFull(cov, d, 4);
    const actual = runCholesky(cov, d, 4);
    expect(expected.status).toBe(3);
    expect(actual.status).toBe(3);
    const factored = expected.precChol.subarray(0, 2 * d * d);
    expectClose(actual.precChol.subarray(0, 2 * d * d), factored, Math.max(...factored.map(Math.abs)));
    expectClose(actual.logDet.subarray(0, 2), expected.logDet.subarray(0, 2), d);
  });
});
