import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logDensityFull, normalizeLogProb } from '../reference/kernels';
import { at, expectClose, mulberry32, pointsNear, randomMixture, SIZES, seedOf, Workspace } from './harness';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

/** Runs the kernel in place on a copy of `logProb`; logNorm pre-filled with NaN. */
function runNormalize(logProb: ArrayLike<number>, n: number, k: number) {
  const inPlace = ws.output(logProb);
  const logNorm = ws.output(n);
  const total = ws.kernels.normalizeLogProb(inPlace.ptr(), logNorm.ptr(), n, k);
  ws.expectUntouched();
  return { resp: inPlace.values(), logNorm: logNorm.values(), total };
}

/** Realistic input: weighted log-densities of points from a random d-dimensional mixture. */
function weightedLogDensities(d: number, n: number, k: number): Float64Array {
  const random = mulberry32(seedOf(d, n, k));
  const m = randomMixture(random, d, k);
  const x = pointsNear(random, m.means, n, d, k);
  return logDensityFull(x, m.means, m.precChol, m.logDet, m.logWeights, n, d, k);
}

/** exp(−708): below this the kernels' vector exp gives 0 (see assembly/exp.ts). */
const EXP_FLOOR = Math.exp(-708);

function rowSums(resp: Float64Array, n: number, k: number): number[] {
  return Array.from({ length: n }, (_, i) => resp.subarray(i * k, i * k + k).reduce((sum, g) => sum + g, 0));
}

describe.each(SIZES)('normalizeLogProb on log-densities at d=%i, n=%i k=%i', (d, n, k) => {
  it('matches the reference; rows sum to 1 and the total is Σ logNorm', () => {
    const logProb = weightedLogDensities(d, n, k);
    const expected = normalizeLogProb(logProb, n, k);
    const actual = runNormalize(logProb, n, k);
    // logNorm = max + log Σ exp(v − max): the max is exact, the log of a sum in [1, k] is O(1).
    expectClose(actual.logNorm, expected.logNorm, 1);
    // wasm's exp/log are not V8's, so exponents may differ by an ulp of |v| + |logNorm|; a
    // responsibility's relative error is that absolute error, so scale by those magnitudes. The
    // vector exp returns 0 below e^−708 (exp.ts): responsibilities under that floor may read 0.
    const floor = EXP_FLOOR / 1e-12;
    const magnitude = Float64Array.from(
      { length: n * k },
      (_, cell) =>
        at(expected.resp, cell) *
          (Math.abs(at(logProb, cell)) + Math.abs(at(expected.logNorm, Math.floor(cell / k)))) +
        floor,
    );
    expectClose(actual.resp, expected.resp, magnitude);
    expectClose(rowSums(actual.resp, n, k), new Array(n).fill(1), 0);
    const sumOfLogNorm = actual.logNorm.reduce((sum, v) => sum + v, 0);
    const absolute = actual.logNorm.reduce((sum, v) => sum + Math.abs(v), 0);
    expectClose([actual.total], [sumOfLogNorm], absolute);
    expectClose([actual.total], [expected.total], absolute);
  });
});

const E = Math.exp(-1);

/** Rows with their responsibilities and logNorm in closed form. */
const SPECIAL_ROWS: [name: string, row: number[], resp: number[], logNorm: number][] = [
  ['a negligible component [-1e300, 0]', [-1e300, 0], [0, 1], 0],
  ['far below zero [-1000, -1001]', [-1000, -1001], [1 / (1 + E), E / (1 + E)], -1000 + Math.log1p(E)],
  ['one impossible component [0, -Infinity]', [0, -Infinity], [1, 0], 0],
  ['all -Infinity, k = 2', [-Infinity, -Infinity], [0.5, 0.5], -Infinity],
  ['all -Infinity, k = 3', [-Infinity, -Infinity, -Infinity], [1 / 3, 1 / 3, 1 / 3], -Infinity],
  ['k = 1 [-1234.5]', [-1234.5], [1], -1234.5],
  ['k = 1 [1e300]', [1e300], [1], 1e300],
];

describe('normalizeLogProb on special rows', () => {
  it.each(SPECIAL_ROWS)('%s', (_, row, resp, logNorm) => {
    const actual = runNormalize(row, 1, row.length);
    expectClose(actual.resp, resp, 1);
    expect(actual.logNorm[0]).toBeCloseTo(logNorm, 12);
    expect(actual.total).toBeCloseTo(logNorm, 12);
  });

  it('gives uniform rows and a total of -Infinity when one row of 9 is all -Infinity (in the tail)', () => {
    const logProb = Float64Array.from({ length: 9 * 3 }, (_, cell) => -1 - cell);
    logProb.fill(-Infinity, 8 * 3);
    const actual = runNormalize(logProb, 9, 3);
    expect(actual.total).toBe(-Infinity);
    expect(Array.from(actual.logNorm.subarray(0, 8)).every(Number.isFinite)).toBe(true);
    expectClose(actual.resp.subarray(8 * 3), [1 / 3, 1 / 3, 1 / 3], 0);
    expectClose(rowSums(actual.resp, 9, 3), new Array(9).fill(1), 0);
  });
});
