import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accumulateFull, type FullStatistics } from '../reference/kernels';
import {
  at,
  DIMENSIONS,
  expectClose,
  mulberry32,
  normalArray,
  SIZES,
  type StatisticsProblem,
  seedOf,
  statisticsProblem,
  Workspace,
} from './harness';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

/** Statistics already in the buffers before a call; the lower triangle of scatter is marked. */
function priorStatistics(d: number, k: number): FullStatistics {
  const random = mulberry32(seedOf(d, 1, k) + 99);
  return {
    nk: normalArray(random, k),
    first: normalArray(random, k * d),
    scatter: normalArray(random, k * d * d, 1e6),
  };
}

const ZERO = (d: number, k: number): FullStatistics => ({
  nk: new Float64Array(k),
  first: new Float64Array(k * d),
  scatter: new Float64Array(k * d * d),
});

/**
 * Runs the wasm kernel on rows [from, to) of `p` by pointer arithmetic on x and resp, adding into
 * buffers that start as `prior`; scratch of exactly the module's scratchLength(d, 1) doubles, NaN-filled.
 */
function runAccumulate(
  p: StatisticsProblem,
  d: number,
  k: number,
  splits: number[],
  prior: FullStatistics,
): FullStatistics {
  const x = ws.input(p.x);
  const resp = ws.input(p.resp);
  const centers = ws.input(p.centers);
  const nk = ws.output(prior.nk);
  const first = ws.output(prior.first);
  const scatter = ws.output(prior.scatter);
  const work = ws.output(ws.kernels.scratchLength(d, 1));
  for (let s = 1; s < splits.length; s++) {
    const from = at(splits, s - 1);
    const rows = at(splits, s) - from;
    const { kernels } = ws;
    kernels.accumulateFull(
      x.ptr(from * d),
      resp.ptr(from * k),
      centers.ptr(),
      nk.ptr(),
      first.ptr(),
      scatter.ptr(),
      work.ptr(),
      rows,
      d,
      k,
    );
  }
  ws.expectUntouched();
  return { nk: nk.values(), first: first.values(), scatter: scatter.values() };
}

/**
 * Σᵢ of the absolute values of each statistic's terms (γ, γ|e_j|, γ|e_j·e_l|), plus |prior|: first
 * moments about a nearby centre cancel, so the sums' rounding is relative to these, not to the result.
 */
function termMagnitudes(
  p: StatisticsProblem,
  d: number,
  k: number,
  n: number,
  prior: FullStatistics,
): FullStatistics {
  const abs = (a: Float64Array) => a.map(Math.abs);
  const nk = abs(prior.nk);
  const first = abs(prior.first);
  const scatter = abs(prior.scatter);
  const e = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const gamma = at(p.resp, i * k + c);
      nk[c] = at(nk, c) + gamma;
      for (let j = 0; j < d; j++) e[j] = Math.abs(at(p.x, i * d + j) - at(p.centers, c * d + j));
      for (let j = 0; j < d; j++) {
        const ge = gamma * at(e, j);
        first[c * d + j] = at(first, c * d + j) + ge;
        const row = c * d * d + j * d;
        for (let l = 0; l < d; l++) scatter[row + l] = at(scatter, row + l) + ge * at(e, l);
      }
    }
  }
  return { nk, first, scatter };
}

function expectStatisticsClose(
  actual: FullStatistics,
  expected: FullStatistics,
  scale: FullStatistics,
): void {
  expectClose(actual.nk, expected.nk, scale.nk);
  expectClose(actual.first, expected.first, scale.first);
  expectClose(actual.scatter, expected.scatter, scale.scatter);
}

/** Cells of a K×D×D array strictly below each diagonal. */
function lowerCells(d: number, k: number): number[] {
  return Array.from({ length: k * d * d }, (_, cell) => cell).filter(
    (cell) => cell % d < Math.floor((cell % (d * d)) / d),
  );
}

describe.each(SIZES)('accumulateFull d=%i n=%i k=%i', (d, n, k) => {
  it('adds the reference statistics to the prior contents; the lower triangle keeps its prior', () => {
    const p = statisticsProblem(seedOf(d, n, k), d, n, k);
    const prior = priorStatistics(d, k);
    const actual = runAccumulate(p, d, k, [0, n], prior);
    const reference = accumulateFull(p.x, p.resp, p.centers, n, d, k);
    const sum = (a: Float64Array, b: Float64Array) => a.map((v, cell) => v + at(b, cell));
    const lower = lowerCells(d, k);
    const expected = {
      nk: sum(prior.nk, reference.nk),
      first: sum(prior.first, reference.first),
      // The reference leaves its lower triangle 0, so this is the prior there.
      scatter: sum(prior.scatter, reference.scatter),
    };
    expectStatisticsClose(actual, expected, termMagnitudes(p, d, k, n, prior));
    expect(lower.map((cell) => actual.scatter[cell])).toEqual(lower.map((cell) => prior.scatter[cell]));
  });
});

describe.each(DIMENSIONS)('accumulateFull d=%i, n=4099 k=3 in two calls', (d) => {
  const n = 4099;
  const k = 3;

  // 5: the first call is all tail; 1001 = 125·8 + 1 and 3098 = 387·8 + 2: both calls have blocks
  // and a tail, and the second starts mid-block, off 16-byte alignment when d is odd.
  const p = statisticsProblem(seedOf(d, n, k), d, n, k);
  let magnitudes: FullStatistics | undefined;

  it.each([5, 1001, 4096])('rows [0, %i) then the rest equal one call on all rows', (split) => {
    magnitudes ??= termMagnitudes(p, d, k, n, ZERO(d, k));
    const once = runAccumulate(p, d, k, [0, n], ZERO(d, k));
    const twice = runAccumulate(p, d, k, [0, split, n], ZERO(d, k));
    expectStatisticsClose(twice, once, magnitudes);
  });
});
