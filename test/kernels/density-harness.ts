/**
 * Shared fixtures for the density-kernel tests: one runner for the four kernels that share the
 * density ABI, the magnitude their results are compared at, and the SIMD-lane/tail invariance check.
 */
import { expect } from 'vitest';
import { at, type Workspace } from './harness';

/** The kernels that share the density ABI (x, means, precisions, logDet, logWeights, out, work, n, d, k). */
export type DensityKernelName =
  | 'logDensityFull'
  | 'logDensityTied'
  | 'logDensityOriented'
  | 'logDensityDiag'
  | 'logDensitySpherical';

/** What a density kernel reads besides the points; shapes depend on the covariance type. */
export interface DensityInputs {
  readonly means: Float64Array;
  readonly precisions: Float64Array;
  readonly logDet: Float64Array;
  readonly logWeights: Float64Array;
}

/**
 * Scratch doubles each density kernel documents: a transposed panel of 128 rows, plus a centred block
 * of 8 for the triangular (full, tied) and oriented kernels, which reuse each centred feature d times.
 */
const TRIANGULAR: Record<DensityKernelName, number> = {
  logDensityFull: 1,
  logDensityTied: 1,
  logDensityOriented: 1,
  logDensityDiag: 0,
  logDensitySpherical: 0,
};

/**
 * Runs a density kernel with scratch of exactly its documented size and the output pre-filled with
 * NaN, then checks guard cells and inputs.
 */
export function runDensityKernel(
  ws: Workspace,
  name: DensityKernelName,
  x: Float64Array,
  p: DensityInputs,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const xBuffer = ws.input(x);
  const means = ws.input(p.means);
  const precisions = ws.input(p.precisions);
  const logDet = ws.input(p.logDet);
  const logWeights = ws.input(p.logWeights);
  const out = ws.output(n * k);
  const work = ws.output(ws.kernels.scratchLength(d, TRIANGULAR[name]));
  ws.kernels[name](
    xBuffer.ptr(),
    means.ptr(),
    precisions.ptr(),
    logDet.ptr(),
    logWeights.ptr(),
    out.ptr(),
    work.ptr(),
    n,
    d,
    k,
  );
  ws.expectUntouched();
  return out.values();
}

/** What `precisionOriented` wrote: its factors (with the flag after them), logDet and status. */
export interface OrientedFactors {
  readonly factors: Float64Array;
  readonly logDet: Float64Array;
  readonly status: number;
  /** The flag: true for D and 1/Λ, false for choleskyPrecisionFull's triangles. */
  readonly oriented: boolean;
}

/** Runs the wasm `precisionOriented` on K covariances (K×D×D), with scratch of its documented size. */
export function orientedFactors(
  ws: Workspace,
  covariances: Float64Array,
  d: number,
  k: number,
): OrientedFactors {
  const cov = ws.input(covariances);
  const factors = ws.output(k * d * d + 1);
  const logDet = ws.output(k);
  const work = ws.output(2 * d * d + d);
  const status = ws.kernels.precisionOriented(cov.ptr(), factors.ptr(), logDet.ptr(), work.ptr(), d, k);
  ws.expectUntouched();
  const values = factors.values();
  return { factors: values, logDet: logDet.values(), status, oriented: values[k * d * d] === 1 };
}

/**
 * Magnitude of the terms each log-density is summed from besides −½·(quadratic form), which may
 * cancel against them: ½·d·ln 2π + |logDet_c| + |log π_c|, for each of the N×K cells.
 * @param logDet - K values (repeat a shared one).
 */
export function densityOffsetScale(
  logDet: Float64Array,
  logWeights: Float64Array,
  n: number,
  d: number,
  k: number,
): Float64Array {
  const offset = 0.5 * d * Math.log(2 * Math.PI);
  return Float64Array.from(
    { length: n * k },
    (_, cell) => offset + Math.abs(at(logDet, cell % k)) + Math.abs(at(logWeights, cell % k)),
  );
}

/**
 * Fails unless `density` (N×D points → N×K values) gives each of 9 points bit-identical values alone
 * (n = 1, all scalar tail) and at every position of a 9-row input: arrangement r puts point p at
 * (p + r) mod 9, so over r = 0..8 each point visits the eight lanes of the one SIMD block and the tail.
 */
export function expectLaneInvariant(
  density: (x: Float64Array, n: number) => Float64Array,
  points: Float64Array,
  d: number,
  k: number,
): void {
  const byPoint = Array.from({ length: 9 }, (_, p) => [density(points.slice(p * d, p * d + d), 1)]);
  for (let r = 0; r < 9; r++) {
    const x = new Float64Array(9 * d);
    for (let p = 0; p < 9; p++) x.set(points.subarray(p * d, p * d + d), ((p + r) % 9) * d);
    const out = density(x, 9);
    for (let p = 0; p < 9; p++) byPoint[p]?.push(out.slice(((p + r) % 9) * k, ((p + r) % 9) * k + k));
  }
  for (const [p, values] of byPoint.entries()) {
    const [alone, ...placed] = values;
    expect(placed, `point ${p}, positions 0..8 against n = 1`).toEqual(placed.map(() => alone));
  }
}
