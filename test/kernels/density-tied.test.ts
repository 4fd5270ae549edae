import { afterEach, beforeEach, describe, it } from 'vitest';
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

  it('agrees with logDensityFull with the shared factor repeated K times to 1e-12 (n=4099)', () => {
    const n = 4099;
    const random = mulberry32(seedOf(d, n, k) + 6);
    const tied = randomTied(random, d, k);
    const x = pointsNear(random, tied.means, n, d, k);
    const full = { ...tied, precisions: repeated(tied.precisions, k), logDet: repeated(tied.logDet, k) };
    const fromTied = runDensityKernel(ws, 'logDensityTied', x, tied, n, d, k);
    const fromFull = runDensityKernel(ws, 'logDensityFull', x, full, n, d, k);
    // Not to the bit: tied solves Uᵀx′ once and subtracts Uᵀμ′ per component (shared-factor.ts).
    expectClose(fromTied, fromFull, densityOffsetScale(repeated(tied.logDet, k), tied.logWeights, n, d, k));
  });

  it('gives bit-identical values to a point in any SIMD lane and in the scalar tail', () => {
    const random = mulberry32(seedOf(d, 9, k) + 7);
    const p = randomTied(random, d, k);
    const points = pointsNear(random, p.means, 9, d, k);
    expectLaneInvariant((x, n) => runDensityKernel(ws, 'logDensityTied', x, p, n, d, k), points, d, k);
  });
});

describe.each([1, 3, 17])('logDensityTied on data far from zero, d=%i', (d) => {
  // Uᵀx and Uᵀμ_c are each of size |x|/σ ≈ 1e6: without the shared origin (shared-factor.ts) their
  // difference would keep only about ten of its digits.
  it.each([1, 4, 5])('matches the direct reference to 1e-12 with every coordinate near 1e6, k=%i', (k) => {
    const n = 4099;
    const random = mulberry32(seedOf(d, n, k) + 8);
    const near = randomTied(random, d, k);
    const p = { ...near, means: near.means.map((m) => 1e6 + m) };
    const x = pointsNear(random, p.means, n, d, k);
    const actual = runDensityKernel(ws, 'logDensityTied', x, p, n, d, k);
    const expected = logDensityTied(x, p.means, p.precisions, p.logDet, p.logWeights, n, d, k);
    expectClose(actual, expected, densityOffsetScale(repeated(p.logDet, k), p.logWeights, n, d, k));
  });
});
