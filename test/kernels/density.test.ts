import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logDensityFull } from '../reference/kernels';
import {
  type DensityInputs,
  densityOffsetScale,
  expectLaneInvariant,
  runDensityKernel,
} from './density-harness';
import {
  at,
  DIMENSIONS,
  expectClose,
  type Mixture,
  mulberry32,
  pointsNear,
  randomMixture,
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

/** A mixture as the density ABI's inputs: its precisions are the Cholesky factors U. */
function densityInputs(m: Mixture): DensityInputs {
  return { means: m.means, precisions: m.precChol, logDet: m.logDet, logWeights: m.logWeights };
}

/** Runs the wasm kernel with scratch of exactly the documented 136·d doubles, output pre-filled with NaN. */
function runDensity(x: Float64Array, m: Mixture, n: number, d: number, k: number): Float64Array {
  return runDensityKernel(ws, 'logDensityFull', x, densityInputs(m), n, d, k);
}

function reference(x: Float64Array, m: Mixture, n: number, d: number, k: number): Float64Array {
  return logDensityFull(x, m.means, m.precChol, m.logDet, m.logWeights, n, d, k);
}

/**
 * Magnitude of the terms each log-density is summed from besides −½‖y‖², which may cancel against
 * them: ½·d·ln 2π + |logDet_c| + |log π_c|. The quadratic term itself is bounded by |result| plus this,
 * and its d-term sums err by about d·ε relative, far inside 1e-12.
 */
function offsetScale(m: Mixture, n: number, d: number, k: number): Float64Array {
  return densityOffsetScale(m.logDet, m.logWeights, n, d, k);
}

describe.each(SIZES)('logDensityFull d=%i n=%i k=%i', (d, n, k) => {
  it('matches the reference', () => {
    const random = mulberry32(seedOf(d, n, k));
    const m = randomMixture(random, d, k);
    const x = pointsNear(random, m.means, n, d, k);
    const actual = runDensity(x, m, n, d, k);
    expectClose(actual, reference(x, m, n, d, k), offsetScale(m, n, d, k));
  });
});

describe.each(DIMENSIONS)('logDensityFull d=%i, k=3', (d) => {
  const k = 3;

  it('gives a finite, very negative value for rows 1e6 standard deviations away, in a block and in the tail', () => {
    const random = mulberry32(seedOf(d, 9, k));
    const m = randomMixture(random, d, k);
    const x = pointsNear(random, m.means, 9, d, k);
    // Along the first axis of component 0: ≥ 1e6 standard deviations from its mean.
    const distance = 1e6 / at(m.precChol, 0); // U₀₀ = 1/√Σ₀₀
    for (const row of [2, 8]) {
      x.set(m.means.subarray(0, d), row * d);
      x[row * d] = at(m.means, 0) + distance;
    }
    const actual = runDensity(x, m, 9, d, k);
    expectClose(actual, reference(x, m, 9, d, k), offsetScale(m, 9, d, k));
    for (const row of [2, 8]) {
      const far = actual.subarray(row * k, row * k + k);
      expect(far.every(Number.isFinite), `row ${row}: ${far.join(', ')}`).toBe(true);
      expect(Math.max(...far), `row ${row}`).toBeLessThan(-1e10);
    }
  });

  it('centres before multiplying: data at 1e8 (spread 1) match the reference on centred data', () => {
    const n = 4099;
    const random = mulberry32(seedOf(d, n, k) + 1);
    const m = randomMixture(random, d, k, 1e8);
    const x = pointsNear(random, m.means, n, d, k);
    // Subtracting 1e8 is exact here (Sterbenz), so the centred problem is the same problem.
    const centred = { ...m, means: m.means.map((v) => v - 1e8) };
    const expected = reference(
      x.map((v) => v - 1e8),
      centred,
      n,
      d,
      k,
    );
    expectClose(runDensity(x, m, n, d, k), expected, offsetScale(m, n, d, k));
  });

  it('gives bit-identical values to a point in any SIMD lane and in the scalar tail', () => {
    const random = mulberry32(seedOf(d, 9, k) + 2);
    const m = randomMixture(random, d, k);
    const points = pointsNear(random, m.means, 9, d, k);
    expectLaneInvariant((x, n) => runDensity(x, m, n, d, k), points, d, k);
  });
});
