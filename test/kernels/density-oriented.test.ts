// The oriented densities (VEE, EVE and VVE: covariances sharing their axes) and their factors:
// precisionOriented finds the common axes and falls back to the full kernel's triangles wherever
// they are not shared or rotating does not pay, and the densities agree with the plain references
// either way, at sizes that cover the SIMD blocks and the tail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choleskyPrecisionFull, logDensityFull, logDensityOriented } from '../reference/kernels';
import {
  type DensityInputs,
  densityOffsetScale,
  expectLaneInvariant,
  orientedFactors,
  runDensityKernel,
} from './density-harness';
import {
  at,
  DIMENSIONS,
  expectClose,
  mulberry32,
  normalArray,
  pointsNear,
  randomLogWeights,
  randomSharedAxes,
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

/**
 * Whether precisionOriented should take the oriented form (assembly/oriented-factor.ts): a rotation
 * of 2d² operations and k weighted squares of 4d, against k triangles and their squares.
 */
function rotationPays(d: number, k: number): boolean {
  return k >= 2 && d >= 2 && 2 * d * d + 4 * k * d < k * (d * d + 3 * d);
}

/**
 * The dimensions at which randomSharedAxes's axes are recovered to the kernel's 1e-13: beyond them
 * the Jacobi eigenvectors' error (ε/gap, the gaps shrinking as 1/d) may exceed it, and the kernel
 * may fall back (checked to be right either way).
 */
const RECOVERED = 8;

/** K means spread 3 and the covariances sharing their axes, factorised by the kernel under test. */
function randomOriented(
  random: () => number,
  d: number,
  k: number,
  covariances = randomSharedAxes(random, d, k),
) {
  const means = normalArray(random, k * d, 0, 3);
  const factor = orientedFactors(ws, covariances, d, k);
  if (factor.status !== 0) throw new Error(`precisionOriented failed on component ${factor.status - 1}`);
  const inputs: DensityInputs = {
    means,
    precisions: factor.factors,
    logDet: factor.logDet,
    logWeights: randomLogWeights(random, k),
  };
  return { inputs, covariances, oriented: factor.oriented };
}

/** The densities of the plain full reference, from the reference's own Cholesky factors of Σ. */
function fullReference(
  x: Float64Array,
  covariances: Float64Array,
  p: DensityInputs,
  n: number,
  d: number,
  k: number,
) {
  const { precChol, logDet, status } = choleskyPrecisionFull(covariances, d, k);
  if (status !== 0) throw new Error(`the reference could not factorise component ${status - 1}`);
  return {
    values: logDensityFull(x, p.means, precChol, logDet, p.logWeights, n, d, k),
    scale: densityOffsetScale(logDet, p.logWeights, n, d, k),
  };
}

describe.each([...SIZES, [2, 4099, 5] as [number, number, number], [8, 4099, 9] as [number, number, number]])(
  'logDensityOriented d=%i n=%i k=%i',
  (d, n, k) => {
    it('takes the oriented form exactly where rotating pays, and matches the references', () => {
      const random = mulberry32(seedOf(d, n, k) + 21);
      const { inputs: p, covariances, oriented } = randomOriented(random, d, k);
      if (d <= RECOVERED) expect(oriented).toBe(rotationPays(d, k));
      else if (!rotationPays(d, k)) expect(oriented).toBe(false);
      const x = pointsNear(random, p.means, n, d, k);
      const actual = runDensityKernel(ws, 'logDensityOriented', x, p, n, d, k);
      const full = fullReference(x, covariances, p, n, d, k);
      expectClose(actual, full.values, full.scale);
      if (oriented) {
        const axes = p.precisions.subarray(0, d * d);
        const precisions = p.precisions.subarray(d * d, d * d + k * d);
        const plain = logDensityOriented(x, p.means, axes, precisions, p.logDet, p.logWeights, n, d, k);
        expectClose(actual, plain, full.scale);
      }
    });
  },
);

describe.each(DIMENSIONS.filter((d) => d >= 2 && d <= RECOVERED))('precisionOriented d=%i, k=5', (d) => {
  const k = 5;

  it('writes orthonormal axes D and 1/Λ with D·Λ_c·Dᵀ = Σ_c and the reference logDet', () => {
    const random = mulberry32(seedOf(d, 0, k) + 22);
    const covariances = randomSharedAxes(random, d, k);
    const { factors, logDet, oriented } = orientedFactors(ws, covariances, d, k);
    expect(oriented).toBe(true);
    const axis = (r: number, j: number) => at(factors, r * d + j);
    const gram = Float64Array.from({ length: d * d }, (_, cell) => {
      let sum = 0;
      for (let r = 0; r < d; r++) sum += axis(r, Math.floor(cell / d)) * axis(r, cell % d);
      return sum;
    });
    expectClose(
      gram,
      Float64Array.from({ length: d * d }, (_, cell) => (cell % (d + 1) === 0 ? 1 : 0)),
      1,
    );
    const composed = Float64Array.from({ length: k * d * d }, (_, cell) => {
      const [c, i, j] = [Math.floor(cell / (d * d)), Math.floor(cell / d) % d, cell % d];
      let sum = 0;
      for (let m = 0; m < d; m++) sum += (axis(i, m) * axis(j, m)) / at(factors, d * d + c * d + m);
      return sum;
    });
    // Relative to each Σ_c's size (its components differ by 4^c).
    const sizes = Float64Array.from(
      { length: k * d * d },
      (_, cell) => 4 ** (Math.floor(cell / (d * d)) - 1),
    );
    expectClose(composed, covariances, sizes);
    expectClose(logDet, choleskyPrecisionFull(covariances, d, k).logDet, 1);
  });

  it('falls back to choleskyPrecisionFull’s factors, bit for bit, for covariances whose axes differ', () => {
    const random = mulberry32(seedOf(d, 0, k) + 23);
    const covariances = randomSpd(random, d, k);
    const fallback = orientedFactors(ws, covariances, d, k);
    expect(fallback.oriented).toBe(false);
    const cov = ws.input(covariances);
    const factors = ws.output(k * d * d);
    const logDet = ws.output(k);
    const work = ws.output(d * d);
    expect(ws.kernels.choleskyPrecisionFull(cov.ptr(), factors.ptr(), logDet.ptr(), work.ptr(), d, k)).toBe(
      0,
    );
    expect(fallback.factors.subarray(0, k * d * d)).toEqual(factors.values());
    expect(fallback.logDet).toEqual(logDet.values());
    // …and the densities are the full kernel's, to the bit.
    const means = normalArray(random, k * d, 0, 3);
    const p = {
      means,
      precisions: fallback.factors,
      logDet: fallback.logDet,
      logWeights: randomLogWeights(random, k),
    };
    const x = pointsNear(random, means, 1031, d, k);
    const full = { ...p, precisions: factors.values() };
    expect(runDensityKernel(ws, 'logDensityOriented', x, p, 1031, d, k)).toEqual(
      runDensityKernel(ws, 'logDensityFull', x, full, 1031, d, k),
    );
  });

  it('falls back where one component leaves the shared axes by more than rounding', () => {
    const random = mulberry32(seedOf(d, 0, k) + 24);
    const covariances = randomSharedAxes(random, d, k);
    // A relative 1e-9 coupling of the first two coordinates of the last component.
    const last = (k - 1) * d * d;
    const coupling = 1e-9 * at(covariances, last);
    covariances[last + 1] = at(covariances, last + 1) + coupling;
    covariances[last + d] = at(covariances, last + d) + coupling;
    expect(orientedFactors(ws, covariances, d, k).oriented).toBe(false);
  });

  it('reports the first component that is not positive definite, as choleskyPrecisionFull', () => {
    const random = mulberry32(seedOf(d, 0, k) + 25);
    const covariances = randomSharedAxes(random, d, k);
    covariances.fill(0, 2 * d * d, 3 * d * d);
    const factor = orientedFactors(ws, covariances, d, k);
    expect([factor.status, factor.oriented]).toEqual([3, false]);
  });

  it('gives bit-identical values to a point in any SIMD lane and in the scalar tail', () => {
    const random = mulberry32(seedOf(d, 9, k) + 26);
    const { inputs: p, oriented } = randomOriented(random, d, k);
    expect(oriented).toBe(true);
    const points = pointsNear(random, p.means, 9, d, k);
    expectLaneInvariant((x, n) => runDensityKernel(ws, 'logDensityOriented', x, p, n, d, k), points, d, k);
  });
});

describe.each([3, 8])('logDensityOriented on data far from zero, d=%i', (d) => {
  // Dᵀx and Dᵀμ_c would each be of size |x| ≈ 1e6 without the shared origin (shared-factor.ts).
  it.each([5, 9])('matches the full reference to 1e-12 with every coordinate near 1e6, k=%i', (k) => {
    const n = 4099;
    const random = mulberry32(seedOf(d, n, k) + 27);
    const covariances = randomSharedAxes(random, d, k);
    const near = randomOriented(random, d, k, covariances);
    expect(near.oriented).toBe(true);
    const p = { ...near.inputs, means: near.inputs.means.map((m) => 1e6 + m) };
    // The shift moves the means only: the factors, of the covariances, are the same.
    const x = pointsNear(random, p.means, n, d, k);
    const actual = runDensityKernel(ws, 'logDensityOriented', x, p, n, d, k);
    const full = fullReference(x, covariances, p, n, d, k);
    expectClose(actual, full.values, full.scale);
  });
});
