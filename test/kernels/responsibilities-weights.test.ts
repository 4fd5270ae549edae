import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeLogProb, weightResponsibilities } from '../reference/kernels';
import { COUNTS, expectClose, mulberry32, normalArray, seedOf, Workspace } from './harness';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

/** Runs the kernel in place on a copy of `resp`; logNorm and weights are inputs, checked unchanged. */
function runWeight(resp: Float64Array, logNorm: Float64Array, weights: Float64Array, n: number, k: number) {
  const inPlace = ws.output(resp);
  const logNormBuffer = ws.input(logNorm);
  const weightsBuffer = ws.input(weights);
  const total = ws.kernels.weightResponsibilities(
    inPlace.ptr(),
    logNormBuffer.ptr(),
    weightsBuffer.ptr(),
    n,
    k,
  );
  ws.expectUntouched();
  return { resp: inPlace.values(), total };
}

/** Responsibilities and logNorm of random log-probabilities; weights in [0, 3), about a quarter exactly 0. */
function randomProblem(n: number, k: number) {
  const random = mulberry32(seedOf(0, n, k) + 31);
  const { resp, logNorm } = normalizeLogProb(normalArray(random, n * k, -20, 10), n, k);
  const weights = Float64Array.from({ length: n }, () => (random() < 0.25 ? 0 : 3 * random()));
  return { resp, logNorm, weights };
}

/** Σᵢ |wᵢ·logNormᵢ| over rows of positive weight: the magnitude of the terms the total is summed from. */
function totalScale(logNorm: Float64Array, weights: Float64Array): number {
  return weights.reduce((sum, w, i) => (w > 0 ? sum + Math.abs(w * (logNorm[i] ?? 0)) : sum), 0);
}

function zeroRows(resp: Float64Array, weights: Float64Array, k: number): number[] {
  return Array.from(weights.keys()).filter(
    (i) => weights[i] === 0 && resp.subarray(i * k, i * k + k).some((g) => g !== 0),
  );
}

const CASES = COUNTS.flatMap((n) => [1, 3, 5].map((k): [number, number] => [n, k]));

describe.each(CASES)('weightResponsibilities n=%i k=%i', (n, k) => {
  it('matches the reference; rows of weight 0 become 0', () => {
    const { resp, logNorm, weights } = randomProblem(n, k);
    const expected = weightResponsibilities(resp, logNorm, weights, n, k);
    const actual = runWeight(resp, logNorm, weights, n, k);
    expectClose(actual.resp, expected.resp, 0);
    expectClose([actual.total], [expected.total], totalScale(logNorm, weights));
    expect(zeroRows(actual.resp, weights, k), 'rows of weight 0 with a non-zero entry').toEqual([]);
  });

  it('with every weight 1, leaves responsibilities as they were and returns Σ logNorm', () => {
    const { resp, logNorm } = randomProblem(n, k);
    const ones = new Float64Array(n).fill(1);
    const actual = runWeight(resp, logNorm, ones, n, k);
    expectClose(actual.resp, resp, 0);
    const sum = logNorm.reduce((s, v) => s + v, 0);
    expectClose([actual.total], [sum], totalScale(logNorm, ones));
  });
});

describe('weightResponsibilities with rows of logNorm −Infinity', () => {
  const n = 9;
  const k = 3;
  // Rows 2 and 8 cannot be explained by any component: uniform responsibilities, logNorm −∞.
  const logProb = normalArray(mulberry32(77), n * k, -20, 10);
  for (const row of [2, 8]) logProb.fill(Number.NEGATIVE_INFINITY, row * k, row * k + k);
  const { resp, logNorm } = normalizeLogProb(logProb, n, k);

  it('counts nothing for them at weight 0: the total is finite and their rows are 0', () => {
    const weights = Float64Array.from({ length: n }, (_, i) => (i === 2 || i === 8 ? 0 : 0.5 + i));
    const actual = runWeight(resp, logNorm, weights, n, k);
    expect(Number.isFinite(actual.total), `total ${actual.total}`).toBe(true);
    const expected = weights.reduce((sum, w, i) => (w > 0 ? sum + w * (logNorm[i] ?? 0) : sum), 0);
    expectClose([actual.total], [expected], totalScale(logNorm, weights));
    expect(Array.from(actual.resp.subarray(2 * k, 3 * k))).toEqual([0, 0, 0]);
    expect(Array.from(actual.resp.subarray(8 * k, 9 * k))).toEqual([0, 0, 0]);
  });

  it('gives a total of −Infinity when one of them has positive weight', () => {
    const weights = Float64Array.from({ length: n }, (_, i) => (i === 2 ? 0 : 1));
    expect(runWeight(resp, logNorm, weights, n, k).total).toBe(Number.NEGATIVE_INFINITY);
  });
});
