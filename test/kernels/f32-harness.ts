/**
 * Shared fixtures for the f32 kernel tests: named buffers (f32 rows or f64 values) placed in wasm
 * memory between guard cells, one kernel call over them, everything read back; and the inputs of
 * each covariance family (means, precisions in the family's form, log-determinants, log-weights).
 */
import { expect } from 'vitest';
import type { Kernels } from '../../src/wasm/kernels';
import { Arena } from '../../src/wasm/memory';
import type { FamilyF32 } from '../reference/kernels-f32';
import { mulberry32, normalArray, pointsNear, randomMixture, SENTINEL } from './harness';

/** Guard doubles on each side of a buffer (32 bytes, so interiors stay 16-byte aligned). */
const GUARD = 4;

/** A kernel call over named buffers, given by their byte addresses. */
export type CallF32<K extends string> = (kernels: Kernels, ptr: Record<K, number>) => number | undefined;

/**
 * Runs `call` on `kernels` with fresh copies of `buffers` (a Float32Array stays f32 in memory);
 * checks every guard cell afterwards and returns every buffer's contents and the result.
 */
export function runF32<K extends string>(
  kernels: Kernels,
  buffers: Record<K, Float64Array | Float32Array>,
  call: CallF32<K>,
): { value: number | undefined; after: Record<K, Float64Array | Float32Array> } {
  const arena = new Arena(kernels);
  try {
    const names = Object.keys(buffers) as K[];
    const placed = names.map((name) => {
      const values = buffers[name];
      const doubles = values instanceof Float32Array ? Math.ceil(values.length / 2) : values.length;
      const block = arena.f64(doubles + 2 * GUARD);
      block.view().fill(SENTINEL);
      const start = block.ptr + 8 * GUARD;
      const Typed = values instanceof Float32Array ? Float32Array : Float64Array;
      new Typed(kernels.memory.buffer, start, values.length).set(values);
      return { block, start, Typed, length: values.length, doubles };
    });
    const ptr = Object.fromEntries(names.map((name, i) => [name, placed[i]?.start])) as Record<K, number>;
    const value = call(kernels, ptr);
    const after = {} as Record<K, Float64Array | Float32Array>;
    names.forEach((name, i) => {
      const p = placed[i];
      if (!p) return;
      const all = p.block.read();
      const guards = [...all.subarray(0, GUARD), ...all.subarray(GUARD + p.doubles)];
      expect(guards, `guard cells around ${name}`).toEqual(new Array(2 * GUARD).fill(SENTINEL));
      after[name] = new p.Typed(kernels.memory.buffer, p.start, p.length).slice();
    });
    return { value, after };
  } finally {
    arena.dispose();
  }
}

/** What a density or E-step kernel reads besides the rows, in the family's form. */
export interface FamilyInputs {
  readonly x: Float32Array;
  readonly means: Float64Array;
  readonly precisions: Float64Array;
  readonly logDet: Float64Array;
  readonly logWeights: Float64Array;
}

/** Rows near K random means (offset `center`, so that centring matters) and the family's parameters. */
export function familyInputs(
  family: FamilyF32,
  seed: number,
  d: number,
  n: number,
  k: number,
  center = 0,
): FamilyInputs {
  const random = mulberry32(seed);
  const mixture = randomMixture(random, d, k, center);
  const x = Float32Array.from(pointsNear(random, mixture.means, n, d, k));
  const { means, logWeights } = mixture;
  switch (family) {
    case 'full':
      return { x, means, precisions: mixture.precChol, logDet: mixture.logDet, logWeights };
    case 'tied':
      return {
        x,
        means,
        precisions: mixture.precChol.slice(0, d * d),
        logDet: mixture.logDet.slice(0, 1),
        logWeights,
      };
    case 'diag': {
      const precisions = normalArray(random, k * d).map((v) => Math.exp(0.5 * v));
      const logDet = Float64Array.from({ length: k }, (_, c) =>
        precisions.subarray(c * d, c * d + d).reduce((s, p) => s + 0.5 * Math.log(p), 0),
      );
      return { x, means, precisions, logDet, logWeights };
    }
    case 'spherical': {
      const precisions = normalArray(random, k).map((v) => Math.exp(0.5 * v));
      return { x, means, precisions, logDet: precisions.map((p) => 0.5 * d * Math.log(p)), logWeights };
    }
  }
}

/** Each family's f32 kernels, and whether its scratch is the triangular one. */
export const F32_KERNELS = {
  full: {
    density: 'logDensityFullF32',
    accumulate: 'accumulateFullF32',
    eStep: 'eStepFullF32',
    triangular: 1,
  },
  tied: {
    density: 'logDensityTiedF32',
    accumulate: 'accumulateFullF32',
    eStep: 'eStepTiedF32',
    triangular: 1,
  },
  diag: {
    density: 'logDensityDiagF32',
    accumulate: 'accumulateDiagF32',
    eStep: 'eStepDiagF32',
    triangular: 0,
  },
  spherical: {
    density: 'logDensitySphericalF32',
    accumulate: 'accumulateDiagF32',
    eStep: 'eStepSphericalF32',
    triangular: 0,
  },
} as const;

/** Doubles in the scatter statistic of a family: the D×D upper triangles, or D squares, per component. */
export function scatterLength(family: FamilyF32, d: number, k: number): number {
  return family === 'full' || family === 'tied' ? k * d * d : k * d;
}
