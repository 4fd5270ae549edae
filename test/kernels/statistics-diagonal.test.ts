import { afterEach, beforeEach, describe, it } from 'vitest';
import { accumulateDiag, type DiagStatistics } from '../reference/kernels-diagonal';
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

const ZERO = (d: number, k: number): DiagStatistics => ({
  nk: new Float64Array(k),
  first: new Float64Array(k * d),
  squares: new Float64Array(k * d),
});

/** Statistics already in the buffers before a call. */
function priorStatistics(d: number, k: number): DiagStatistics {
  const random = mulberry32(seedOf(d, 1, k) + 98);
  return {
    nk: normalArray(random, k),
    first: normalArray(random, k * d),
    squares: normalArray(random, k * d, 1e3),
  };
}

/**
 * Runs the wasm kernel once per chunk [splits[s − 1], splits[s]) by pointer arithmetic on x and resp,
 * adding into buffers that start as `prior`; scratch of exactly the module's scratchLength(d, 0) doubles, NaN-filled.
 */
function runAccumulate(p: StatisticsProblem, d: number, k: number, splits: number[], prior: DiagStatistics) {
  const x = ws.input(p.x);
  const resp = ws.input(p.resp);
  const centers = ws.input(p.centers);
  const nk = ws.output(prior.nk);
  const first = ws.output(prior.first);
  const squares = ws.output(prior.squares);
  const work = ws.output(ws.kernels.scratchLength(d, 0));
  for (let s = 1; s < splits.length; s++) {
    const from = at(splits, s - 1);
    const rows = at(splits, s) - from;
    ws.kernels.accumulateDiag(
      x.ptr(from * d),
      resp.ptr(from * k),
      centers.ptr(),
      nk.ptr(),
      first.ptr(),
      squares.ptr(),
      work.ptr(),
      rows,
      d,
      k,
    );
  }
  ws.expectUntouched();
  return { nk: nk.values(), first: first.values(), squares: squares.values() };
}

/** The wasm accumulateFull's scatter on the same input, from zero (its scratch: scratchLength(d, 1)). */
function runFullScatter(p: StatisticsProblem, n: number, d: number, k: number): Float64Array {
  const [x, resp, centers] = [ws.input(p.x), ws.input(p.resp), ws.input(p.centers)];
  const nk = ws.output(k, 0);
  const first = ws.output(k * d, 0);
  const scatter = ws.output(k * d * d, 0);
  const work = ws.output(ws.kernels.scratchLength(d, 1));
  ws.kernels.accumulateFull(
    x.ptr(),
    resp.ptr(),
    centers.ptr(),
    nk.ptr(),
    first.ptr(),
    scatter.ptr(),
    work.ptr(),
    n,
    d,
    k,
  );
  ws.expectUntouched();
  return scatter.values();
}

/**
 * Σᵢ of the absolute values of each statistic's terms (γ, γ|e_j|, γe_j²), plus |prior|: first
 * moments about a nearby centre cancel, so the sums' rounding is relative to these, not to the result.
 */
function termMagnitudes(
  p: StatisticsProblem,
  n: number,
  d: number,
  k: number,
  prior: DiagStatistics,
): DiagStatistics {
  const nk = prior.nk.map(Math.abs);
  const first = prior.first.map(Math.abs);
  const squares = prior.squares.map(Math.abs);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const gamma = at(p.resp, i * k + c);
      nk[c] = at(nk, c) + gamma;
      for (let j = 0; j < d; j++) {
        const e = Math.abs(at(p.x, i * d + j) - at(p.centers, c * d + j));
        first[c * d + j] = at(first, c * d + j) + gamma * e;
        squares[c * d + j] = at(squares, c * d + j) + gamma * e * e;
      }
    }
  }
  return { nk, first, squares };
}

function expectStatisticsClose(
  actual: DiagStatistics,
  expected: DiagStatistics,
  scale: DiagStatistics,
): void {
  expectClose(actual.nk, expected.nk, scale.nk);
  expectClose(actual.first, expected.first, scale.first);
  expectClose(actual.squares, expected.squares, scale.squares);
}

describe.each(SIZES)('accumulateDiag d=%i n=%i k=%i', (d, n, k) => {
  it('adds the reference statistics to the prior contents', () => {
    const p = statisticsProblem(seedOf(d, n, k) + 21, d, n, k);
    const prior = priorStatistics(d, k);
    const actual = runAccumulate(p, d, k, [0, n], prior);
    const reference = accumulateDiag(p.x, p.resp, p.centers, n, d, k);
    const sum = (a: Float64Array, b: Float64Array) => a.map((v, cell) => v + at(b, cell));
    const expected = {
      nk: sum(prior.nk, reference.nk),
      first: sum(prior.first, reference.first),
      squares: sum(prior.squares, reference.squares),
    };
    expectStatisticsClose(actual, expected, termMagnitudes(p, n, d, k, prior));
  });

  it('gives squares equal to the diagonal of accumulateFull’s scatter', () => {
    const p = statisticsProblem(seedOf(d, n, k) + 21, d, n, k);
    const { squares } = runAccumulate(p, d, k, [0, n], ZERO(d, k));
    const scatter = runFullScatter(p, n, d, k);
    const diagonal = Float64Array.from({ length: k * d }, (_, cell) => at(scatter, cell * d + (cell % d)));
    // Σγe² has only non-negative terms, so the result is its own magnitude.
    expectClose(squares, diagonal, 0);
  });
});

describe.each(DIMENSIONS)('accumulateDiag d=%i, n=4099 k=3 in two calls', (d) => {
  const n = 4099;
  const k = 3;
  const p = statisticsProblem(seedOf(d, n, k) + 21, d, n, k);
  let magnitudes: DiagStatistics | undefined;

  // 5: the first call is all tail; 1001 = 125·8 + 1 and 3098 = 387·8 + 2: both calls have blocks
  // and a tail, and the second starts off 16-byte alignment when d is odd; 4096: the second is all tail.
  it.each([5, 1001, 4096])('rows [0, %i) then the rest equal one call on all rows', (split) => {
    magnitudes ??= termMagnitudes(p, n, d, k, ZERO(d, k));
    const once = runAccumulate(p, d, k, [0, n], ZERO(d, k));
    const twice = runAccumulate(p, d, k, [0, split, n], ZERO(d, k));
    expectStatisticsClose(twice, once, magnitudes);
  });

  it('two calls add onto prior contents as one call does', () => {
    const prior = priorStatistics(d, k);
    const once = runAccumulate(p, d, k, [0, n], prior);
    const twice = runAccumulate(p, d, k, [0, 1001, n], prior);
    expectStatisticsClose(twice, once, termMagnitudes(p, n, d, k, prior));
  });
});
