import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choleskyPrecisionFull, logDensityTied } from '../reference/kernels';
import {
  type DensityInputs,
  densityOffsetScale,
  expectLaneInvariant,
  runDensityKernel,
} from './density-harness';
import {
  DIMENSIONS,
  expectClose,
  firstDifference,
  mulberry32,
  normalArray,
  pointsNear,
  randomLogWeights,
  randomSpd,
  SIZES,
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

/** K means spread 3 and one shared factor U (D×D) with its single logDet, from the reference. */
function randomTied(random: () => number, d: number, k: number): DensityInputs {
  const means = normalArray(random, k * d, 0, 3);
  const { precChol, logDet, status } = choleskyPrecisionFull(randomSpd(random, d, 1), d, 1);
  if (status !== 0)
    throw new Error(`randomSpd gave a matrix that is not positive definite (status ${status})`);
  return { means, precisions: precChol, logDet, logWeights: randomLogWeights(random, k) };
}

/** The shared logDet repeated for each of the K components, as densityOffsetScale wants. */
function repeated(values: Float64Array, times: number): Float64Array {
  return Float64Array.from({ length: times * values.length }, (_, i) => values[i % values.length] ?? 0);
}

describe.each(SIZES)('logDensityTied d=%i n=%i k=%i', (d, n, k) => {
  it('matches the reference', () => {
    const random = mulberry32(seedOf(d, n, k) + 5);
    const p = randomTied(random, d, k);
    const x = pointsNear(random, p.means, n, d, k);
    const actual = runDensityKernel(ws, 'logDensityTied', x, p, n, d, k);
    const expected = logDensityTied(x, p.means, p.precisions, p.logDet, p.logWeights, n, d, k);
    expectClose(actual, expected, densityOffsetScale(repeated(p.logDet, k), p.logWeights, n, d, k));
  });
});

describe.each(DIMENSIONS)('logDensityTied d=%i, k=3', (d) => {
  const k = 3;

  it('is bit-identical to logDensityFull with the shared factor repeated K times (n=4099)', () => {
    const n = 4099;
    const random = mulberry32(seedOf(d, n, k) + 6);
    const tied = randomTied(random, d, k);
    const x = pointsNear(random, tied.means, n, d, k);
    const full = { ...tied, precisions: repeated(tied.precisions, k), logDet: repeated(tied.logDet, k) };
    const fromTied = runDensityKernel(ws, 'logDensityTied', x, tied, n, d, k);
    const fromFull = runDensityKernel(ws, 'logDensityFull', x, full, n, d, k);
    expect(firstDifference(fromTied, fromFull), 'first cell that differs (-1: none)').toBe(-1);
  });

  it('gives bit-identical values to a point in any SIMD lane and in the scalar tail', () => {
    const random = mulberry32(seedOf(d, 9, k) + 7);
    const p = randomTied(random, d, k);
    const points = pointsNear(random, p.means, 9, d, k);
    expectLaneInvariant((x, n) => runDensityKernel(ws, 'logDensityTied', x, p, n, d, k), points, d, k);
  });
});
