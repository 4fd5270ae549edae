// assignNearest, the whole Lloyd assignment pass, against its plain twin and against what it replaces:
// k calls of assignNearer after a reset, to the bit, so k-means starts keep their results. At sizes
// covering the SIMD blocks and the n % 8 tail, dimensions with and without a feature pair left over,
// and k = 1, 2, 7.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignNearest, nearestCenters } from '../reference/kernels-kmeans';
import { firstDifference, mulberry32, normalArray, pointsNear, seedOf, Workspace } from './harness';
import { TIED_ROWS, tiedProblem } from './kmeans-problems';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

const NEAREST_SIZES = [1, 2, 3, 8, 9].flatMap((d) =>
  [0, 1, 7, 13, 4099].flatMap((n) => [1, 2, 7].map((k): [number, number, number] => [d, n, k])),
);

interface Pass {
  readonly labels: Float64Array;
  readonly distances: Float64Array;
  readonly changed: number;
}

/** One assignNearest call from `previous` labels, distances starting NaN, scratch of exactly 8·d. */
function assignOnce(
  x: Float64Array,
  centers: Float64Array,
  previous: Float64Array,
  d: number,
  k: number,
): Pass {
  const n = previous.length;
  const [xBuffer, centerBuffer] = [ws.input(x), ws.input(centers)];
  const labels = ws.output(previous);
  const distances = ws.output(n);
  const work = ws.output(8 * d);
  const changed = ws.kernels.assignNearest(
    xBuffer.ptr(),
    centerBuffer.ptr(),
    labels.ptr(),
    distances.ptr(),
    work.ptr(),
    n,
    d,
    k,
  );
  ws.expectUntouched();
  return { labels: labels.values(), distances: distances.values(), changed };
}

/** What Lloyd did before assignNearest: distances +∞, labels 0, then assignNearer for c = 0…k−1. */
function assignInOrder(x: Float64Array, centers: Float64Array, n: number, d: number, k: number) {
  const [xBuffer, centerBuffer] = [ws.input(x), ws.input(centers)];
  const labels = ws.output(n, 0);
  const distances = ws.output(n, Number.POSITIVE_INFINITY);
  const work = ws.output(8 * d);
  for (let c = 0; c < k; c++) {
    ws.kernels.assignNearer(
      xBuffer.ptr(),
      centerBuffer.ptr(c * d),
      labels.ptr(),
      distances.ptr(),
      work.ptr(),
      n,
      d,
      c,
    );
  }
  ws.expectUntouched();
  return { labels: labels.values(), distances: distances.values() };
}

/** Rows around k centres, and previous labels: random in [0, k), every fifth NaN. */
function problem(d: number, n: number, k: number) {
  const random = mulberry32(seedOf(d, n, k) + 44);
  const centers = normalArray(random, k * d, 0, 3);
  const x = pointsNear(random, centers, n, d, k);
  const previous = Float64Array.from({ length: n }, (_, i) =>
    i % 5 === 4 ? Number.NaN : Math.floor(k * random()),
  );
  return { x, centers, previous };
}

describe.each(NEAREST_SIZES)('assignNearest d=%i n=%i k=%i', (d, n, k) => {
  const { x, centers, previous } = problem(d, n, k);

  it('gives the reference labels, distances and count of changed labels', () => {
    const actual = assignOnce(x, centers, previous, d, k);
    const expected = assignNearest(x, centers, previous, n, d, k);
    expect(firstDifference(actual.labels, expected.labels), 'first label that differs').toBe(-1);
    // The same (x_j − c_j)² summed over j in order, so the same bits.
    expect(firstDifference(actual.distances, expected.distances), 'first distance that differs').toBe(-1);
    expect(actual.changed).toBe(expected.changed);
  });

  it('leaves the bits k assignNearer calls after a reset leave', () => {
    const actual = assignOnce(x, centers, previous, d, k);
    const sequential = assignInOrder(x, centers, n, d, k);
    expect(firstDifference(actual.labels, sequential.labels), 'first label that differs').toBe(-1);
    expect(firstDifference(actual.distances, sequential.distances), 'first distance that differs').toBe(-1);
  });

  it('counts no change, and writes the same, when run again on its own labels', () => {
    const first = assignOnce(x, centers, previous, d, k);
    const again = assignOnce(x, centers, first.labels, d, k);
    expect(again.changed).toBe(0);
    expect(firstDifference(again.labels, first.labels), 'first label that differs').toBe(-1);
    expect(firstDifference(again.distances, first.distances), 'first distance that differs').toBe(-1);
  });
});

describe.each([1, 2, 3, 8, 9])('assignNearest d=%i n=4099 k=3 with exact ties', (d) => {
  it('gives tied rows the lower label, 1, in a SIMD lane and in the scalar tail', () => {
    const { x, centers, n } = tiedProblem(d);
    const nearest = nearestCenters(x, centers, n, d, 3);
    expect(TIED_ROWS.map((row) => nearest.labels[row])).toEqual(TIED_ROWS.map(() => 1));
    const actual = assignOnce(x, centers, new Float64Array(n).fill(2), d, 3);
    expect(TIED_ROWS.map((row) => actual.labels[row])).toEqual(TIED_ROWS.map(() => 1));
    expect(firstDifference(actual.labels, nearest.labels), 'first label that differs').toBe(-1);
    expect(actual.changed).toBe(nearest.labels.filter((label) => label !== 2).length);
  });
});

describe('assignNearest where every squared distance overflows', () => {
  it('leaves the rows at +∞ with label 0, as the sequential calls do, in a lane and in the tail', () => {
    const d = 3;
    const n = 11;
    // 1e200 from every centre: each squared difference is +∞, none strictly below the starting +∞.
    const x = new Float64Array(n * d).fill(1e200);
    const centers = Float64Array.of(0, 0, 0, 1, 1, 1);
    const actual = assignOnce(x, centers, new Float64Array(n).fill(1), d, 2);
    expect(Array.from(actual.labels)).toEqual(new Array(n).fill(0));
    expect(Array.from(actual.distances)).toEqual(new Array(n).fill(Number.POSITIVE_INFINITY));
    expect(actual.changed).toBe(n);
    const sequential = assignInOrder(x, centers, n, d, 2);
    expect(firstDifference(actual.labels, sequential.labels), 'first label that differs').toBe(-1);
  });
});
