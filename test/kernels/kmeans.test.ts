import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accumulateCentroids, assignNearer, nearestCenters } from '../reference/kernels-kmeans';
import {
  at,
  DIMENSIONS,
  expectClose,
  firstDifference,
  mulberry32,
  normalArray,
  pointsNear,
  SIZES,
  seedOf,
  Workspace,
} from './harness';
import { TIED_ROWS, tiedProblem } from './kmeans-problems';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

interface Step {
  readonly labels: Float64Array;
  readonly distances: Float64Array;
  readonly total: number;
}

/**
 * Fills distances with +∞ (labels with NaN) and calls assignNearer once per row of `centers`, in order,
 * with label labels[c]; scratch of exactly the documented 8·d doubles. Returns the state after each call.
 */
function assignInOrder(
  x: Float64Array,
  centers: Float64Array,
  labels: number[],
  n: number,
  d: number,
): Step[] {
  const xBuffer = ws.input(x);
  const centerBuffer = ws.input(centers);
  const labelBuffer = ws.output(n);
  const distances = ws.output(n, Number.POSITIVE_INFINITY);
  const work = ws.output(8 * d);
  const steps = labels.map((label, c) => {
    const total = ws.kernels.assignNearer(
      xBuffer.ptr(),
      centerBuffer.ptr(c * d),
      labelBuffer.ptr(),
      distances.ptr(),
      work.ptr(),
      n,
      d,
      label,
    );
    return { labels: labelBuffer.values(), distances: distances.values(), total };
  });
  ws.expectUntouched();
  return steps;
}

const range = (k: number) => Array.from({ length: k }, (_, c) => c);

describe.each(SIZES)('assignNearer d=%i n=%i k=%i', (d, n, k) => {
  const random = mulberry32(seedOf(d, n, k) + 41);
  const centers = normalArray(random, k * d, 0, 3);
  const x = pointsNear(random, centers, n, d, k);

  it('matches the reference after every call', () => {
    const steps = assignInOrder(x, centers, range(k), n, d);
    let state: Step = {
      labels: new Float64Array(n).fill(Number.NaN),
      distances: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      total: 0,
    };
    for (const [c, actual] of steps.entries()) {
      state = assignNearer(x, centers.slice(c * d, c * d + d), state.labels, state.distances, n, d, c);
      expect(firstDifference(actual.labels, state.labels), `call ${c}: first label that differs`).toBe(-1);
      // Squared distances and their sum have only non-negative terms: each is its own magnitude.
      expectClose(actual.distances, state.distances, 0);
      expectClose([actual.total], [state.total], 0);
    }
  });

  it('called once per centre in order, gives the nearest centre, its distance and Σ min distances', () => {
    const last = assignInOrder(x, centers, range(k), n, d).at(-1);
    const nearest = nearestCenters(x, centers, n, d, k);
    expect(firstDifference(last?.labels ?? [], nearest.labels), 'first label that differs').toBe(-1);
    expectClose(last?.distances ?? [], nearest.distances, 0);
    expectClose([last?.total ?? Number.NaN], [nearest.distances.reduce((s, v) => s + v, 0)], 0);
  });

  it('changes nothing on a further call with a centre farther from every row', () => {
    // 1000 beyond the largest coordinate in every direction: farther than every centre from every row.
    const largest = [...x, ...centers].reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    const far = new Float64Array(d).fill(largest + 1000);
    const steps = assignInOrder(x, Float64Array.of(...centers, ...far), [...range(k), 99], n, d);
    const [before, after] = steps.slice(-2);
    expect(firstDifference(after?.labels ?? [], before?.labels ?? []), 'first label changed').toBe(-1);
    expect(firstDifference(after?.distances ?? [], before?.distances ?? []), 'first distance changed').toBe(
      -1,
    );
    expect(after?.total).toBe(before?.total);
  });
});

describe.each(DIMENSIONS)('assignNearer d=%i n=4099 k=3 with exact ties', (d) => {
  it('gives tied rows the lower label, 1, in a SIMD lane and in the scalar tail', () => {
    const { x, centers, n } = tiedProblem(d);
    // The construction works: the brute force sees equal distances to 1 and 2, and 0 farther away.
    const nearest = nearestCenters(x, centers, n, d, 3);
    const tie = nearestCenters(x.slice(0, d), centers.slice(2 * d), 1, d, 1);
    expect(TIED_ROWS.map((row) => nearest.labels[row])).toEqual(TIED_ROWS.map(() => 1));
    expect(TIED_ROWS.map((row) => nearest.distances[row])).toEqual(TIED_ROWS.map(() => tie.distances[0]));

    const last = assignInOrder(x, centers, [0, 1, 2], n, d).at(-1);
    expect(TIED_ROWS.map((row) => last?.labels[row])).toEqual(TIED_ROWS.map(() => 1));
    expect(firstDifference(last?.labels ?? [], nearest.labels), 'first label that differs').toBe(-1);
  });
});

/** Runs accumulateCentroids adding into buffers that start as the given sums and counts. */
function runCentroids(
  x: Float64Array,
  labels: Float64Array,
  weights: Float64Array,
  prior: { sums: Float64Array; counts: Float64Array },
  n: number,
  d: number,
) {
  const [xBuffer, labelBuffer, weightBuffer] = [ws.input(x), ws.input(labels), ws.input(weights)];
  const sums = ws.output(prior.sums);
  const counts = ws.output(prior.counts);
  ws.kernels.accumulateCentroids(
    xBuffer.ptr(),
    labelBuffer.ptr(),
    weightBuffer.ptr(),
    sums.ptr(),
    counts.ptr(),
    n,
    d,
  );
  ws.expectUntouched();
  return { sums: sums.values(), counts: counts.values() };
}

/** Rows, random labels in [0, K), weights in [0, 2) with about a third exactly 0, and prior contents. */
function centroidProblem(d: number, n: number, k: number) {
  const random = mulberry32(seedOf(d, n, k) + 43);
  const x = normalArray(random, n * d, 5, 3);
  const labels = Float64Array.from({ length: n }, () => Math.floor(k * random()));
  const weights = Float64Array.from({ length: n }, () => (random() < 1 / 3 ? 0 : 2 * random()));
  const prior = { sums: normalArray(random, k * d, 0, 10), counts: normalArray(random, k, 10) };
  return { x, labels, weights, prior };
}

describe.each(SIZES)('accumulateCentroids d=%i n=%i k=%i', (d, n, k) => {
  const { x, labels, weights, prior } = centroidProblem(d, n, k);

  it('adds the reference sums and counts to the prior contents', () => {
    const actual = runCentroids(x, labels, weights, prior, n, d);
    const reference = accumulateCentroids(x, labels, weights, n, d, k);
    // Scales: |prior| plus the sums of |w·x| and of w, which is what each cell is summed from.
    const magnitude = accumulateCentroids(x.map(Math.abs), labels, weights, n, d, k);
    const sumsScale = magnitude.sums.map((v, cell) => v + Math.abs(at(prior.sums, cell)));
    const countsScale = magnitude.counts.map((v, c) => v + Math.abs(at(prior.counts, c)));
    expectClose(
      actual.sums,
      prior.sums.map((v, cell) => v + at(reference.sums, cell)),
      sumsScale,
    );
    expectClose(
      actual.counts,
      prior.counts.map((v, c) => v + at(reference.counts, c)),
      countsScale,
    );
  });

  it('adds each cell its terms in row order: from zero, the reference to the bit', () => {
    // The SIMD build sums two features at a time (odd d leaves one to the scalar tail); each cell
    // must still be the plain loop's sum, so that a k-means start does not depend on the build.
    const zero = { sums: new Float64Array(k * d), counts: new Float64Array(k) };
    const actual = runCentroids(x, labels, weights, zero, n, d);
    const reference = accumulateCentroids(x, labels, weights, n, d, k);
    expect(firstDifference(actual.sums, reference.sums), 'first sum that differs').toBe(-1);
    expect(firstDifference(actual.counts, reference.counts), 'first count that differs').toBe(-1);
  });

  it('ignores rows of weight 0: the same as the rows of positive weight alone', () => {
    const kept = range(n).filter((i) => at(weights, i) > 0);
    const pick = (a: Float64Array, width: number) =>
      Float64Array.from(kept.flatMap((i) => Array.from(a.subarray(i * width, i * width + width))));
    const all = runCentroids(x, labels, weights, prior, n, d);
    const positive = runCentroids(pick(x, d), pick(labels, 1), pick(weights, 1), prior, kept.length, d);
    // Adding 0·x is exact, and the remaining terms are added in the same order.
    expect(firstDifference(all.sums, positive.sums), 'first sum that differs').toBe(-1);
    expect(firstDifference(all.counts, positive.counts), 'first count that differs').toBe(-1);
  });
});
