import { afterEach, beforeEach, describe, it } from 'vitest';
import {
  logDensityDiag,
  logDensitySpherical,
  precisionDiag,
  precisionSpherical,
} from '../reference/kernels-diagonal';
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

/** A variance for component c: scale 4^(c − 1) as randomSpd, times a factor in [½, 2½). */
function variance(random: () => number, c: number): number {
  return 4 ** (c - 1) * (0.5 + 2 * random());
}

/** K means spread 3, K×D variances and their precisions and logDet, from the reference. */
function randomDiag(random: () => number, d: number, k: number): DensityInputs {
  const means = normalArray(random, k * d, 0, 3);
  const variances = Float64Array.from({ length: k * d }, (_, cell) => variance(random, Math.floor(cell / d)));
  const { precisions, logDet } = precisionDiag(variances, d, k);
  return { means, precisions, logDet, logWeights: randomLogWeights(random, k) };
}

/** As randomDiag with one variance per component; also returns the K variances. */
function randomSpherical(random: () => number, d: number, k: number) {
  const means = normalArray(random, k * d, 0, 3);
  const variances = Float64Array.from({ length: k }, (_, c) => variance(random, c));
  const { precisions, logDet } = precisionSpherical(variances, d, k);
  const inputs: DensityInputs = { means, precisions, logDet, logWeights: randomLogWeights(random, k) };
  return { inputs, variances };
}

describe.each(SIZES)('logDensityDiag d=%i n=%i k=%i', (d, n, k) => {
  it('matches the reference', () => {
    const random = mulberry32(seedOf(d, n, k) + 11);
    const p = randomDiag(random, d, k);
    const x = pointsNear(random, p.means, n, d, k);
    const actual = runDensityKernel(ws, 'logDensityDiag', x, p, n, d, k);
    const expected = logDensityDiag(x, p.means, p.precisions, p.logDet, p.logWeights, n, d, k);
    expectClose(actual, expected, densityOffsetScale(p.logDet, p.logWeights, n, d, k));
  });
});

describe.each(SIZES)('logDensitySpherical d=%i n=%i k=%i', (d, n, k) => {
  it('matches the reference', () => {
    const random = mulberry32(seedOf(d, n, k) + 12);
    const { inputs: p } = randomSpherical(random, d, k);
    const x = pointsNear(random, p.means, n, d, k);
    const actual = runDensityKernel(ws, 'logDensitySpherical', x, p, n, d, k);
    const expected = logDensitySpherical(x, p.means, p.precisions, p.logDet, p.logWeights, n, d, k);
    expectClose(actual, expected, densityOffsetScale(p.logDet, p.logWeights, n, d, k));
  });
});

describe.each(DIMENSIONS)('diagonal and spherical densities d=%i, k=3', (d) => {
  const k = 3;

  it('spherical equals diag with each variance repeated d times, to 1e-14 (n=4099)', () => {
    const n = 4099;
    const random = mulberry32(seedOf(d, n, k) + 13);
    const { inputs: spherical, variances } = randomSpherical(random, d, k);
    const x = pointsNear(random, spherical.means, n, d, k);
    const repeated = Float64Array.from({ length: k * d }, (_, cell) => variances[Math.floor(cell / d)] ?? 0);
    const { precisions, logDet } = precisionDiag(repeated, d, k);
    const diag = { ...spherical, precisions, logDet };
    expectClose(
      runDensityKernel(ws, 'logDensitySpherical', x, spherical, n, d, k),
      runDensityKernel(ws, 'logDensityDiag', x, diag, n, d, k),
      densityOffsetScale(spherical.logDet, spherical.logWeights, n, d, k),
      1e-14,
    );
  });

  it('logDensityDiag gives bit-identical values to a point in any SIMD lane and in the scalar tail', () => {
    const random = mulberry32(seedOf(d, 9, k) + 14);
    const p = randomDiag(random, d, k);
    const points = pointsNear(random, p.means, 9, d, k);
    expectLaneInvariant((x, n) => runDensityKernel(ws, 'logDensityDiag', x, p, n, d, k), points, d, k);
  });

  it('logDensitySpherical gives bit-identical values to a point in any SIMD lane and in the scalar tail', () => {
    const random = mulberry32(seedOf(d, 9, k) + 15);
    const { inputs: p } = randomSpherical(random, d, k);
    const points = pointsNear(random, p.means, 9, d, k);
    expectLaneInvariant((x, n) => runDensityKernel(ws, 'logDensitySpherical', x, p, n, d, k), points, d, k);
  });
});

describe.each([1, 3, 17])('logDensitySpherical on data far from zero, d=%i', (d) => {
  // The product form expands ‖x − μ‖² into squared lengths and a dot product, terms of size |x|²: at
  // |x| ≈ 1e6 they would carry absolute errors near 1e-4 without the shared origin (density-spherical.ts).
  it.each([1, 4, 5])('matches the direct reference to 1e-12 with every coordinate near 1e6, k=%i', (k) => {
    const n = 4099;
    const random = mulberry32(seedOf(d, n, k) + 16);
    const { inputs: near } = randomSpherical(random, d, k);
    const p = { ...near, means: near.means.map((m) => 1e6 + m) };
    const x = pointsNear(random, p.means, n, d, k);
    const actual = runDensityKernel(ws, 'logDensitySpherical', x, p, n, d, k);
    const expected = logDensitySpherical(x, p.means, p.precisions, p.logDet, p.logWeights, n, d, k);
    expectClose(actual, expected, densityOffsetScale(p.logDet, p.logWeights, n, d, k));
  });
});
