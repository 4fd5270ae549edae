/**
 * Shared fixtures for the kernel tests: seeded data, random SPD matrices, and a workspace that places
 * Float64Array inputs in wasm memory between guard cells so that out-of-bounds writes are caught.
 */
import { instantiateSync } from '@assemblyscript/loader';
import { expect } from 'vitest';
import type { Kernels } from '../../src/wasm/kernels';
import { kernelsSync } from '../../src/wasm/load';
import { Arena, type F64Block } from '../../src/wasm/memory';
import { embeddedBinary } from '../embedded-binaries';
import { at, mulberry32, standardNormal as normal } from '../helpers';
import { choleskyPrecisionFull, normalizeLogProb } from '../reference/kernels';

// The seeded generators and `at` are test/helpers.ts's, re-exported so the kernel tests import one module.
export { at, mulberry32, normal };

/**
 * A fresh instance of each embedded build, SIMD and scalar, for the tests that compare their bits
 * (each with its own memory, apart from the library's module).
 */
export function bothBuilds(): { simd: Kernels; scalar: Kernels } {
  const instance = (build: 'simd' | 'scalar'): Kernels =>
    instantiateSync<Record<string, unknown>>(embeddedBinary(build)).exports as unknown as Kernels;
  return { simd: instance('simd'), scalar: instance('scalar') };
}

/** The sizes every kernel is checked at: 0, 1, an odd tail only, and 512 blocks of 8 plus a tail of 3. */
export const DIMENSIONS = [1, 2, 3, 5, 8, 17, 64] as const;
export const COUNTS = [0, 1, 7, 4099] as const;

/** Every [d, n, k] with k ∈ {1, 3}, plus k = 5 at a small and a large size (tuples, for `%i` titles). */
export const SIZES: [d: number, n: number, k: number][] = [
  ...DIMENSIONS.flatMap((d) => COUNTS.flatMap((n) => [1, 3].map((k): [number, number, number] => [d, n, k]))),
  [3, 7, 5],
  [17, 4099, 5],
];

/** What every guard cell holds; a kernel that writes out of bounds changes it. */
export const SENTINEL = 12345.678;
/** Guard doubles on each side of a buffer: 32 bytes, so the interior stays 16-byte aligned. */
const GUARD = 4;

export function normalArray(random: () => number, length: number, mean = 0, spread = 1): Float64Array {
  return Float64Array.from({ length }, () => mean + spread * normal(random));
}

/** A seed that differs for every (d, n, k), so no two cases share data by accident. */
export function seedOf(d: number, n: number, k: number): number {
  return 1_000_003 * d + 7919 * n + 31 * k + 17;
}

/**
 * K random symmetric positive definite D×D matrices, scale_c·(B·Bᵀ/D + ½I) with B standard normal:
 * eigenvalues within about [½, 4.5]·scale_c, so condition numbers stay below ~10 at every D and the
 * round-trip checks can use tight tolerances. Component c has scale 4^(c − 1), so they differ in size.
 */
export function randomSpd(random: () => number, d: number, k: number): Float64Array {
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const b = normalArray(random, d * d);
    const scale = 4 ** (c - 1);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = 0;
        for (let m = 0; m < d; m++) sum += at(b, i * d + m) * at(b, j * d + m);
        const value = scale * (sum / d + (i === j ? 0.5 : 0));
        out[c * d * d + i * d + j] = value;
        out[c * d * d + j * d + i] = value;
      }
    }
  }
  return out;
}

/**
 * K covariances that share their axes, Σ_c = D·Λ_c·Dᵀ (VEE, EVE and VVE's form): D orthonormal,
 * by Gram–Schmidt from a standard normal matrix; Λ_cj = 4^(c − 1)·(1 + 3j/(d − 1))·(1 + u/50), u
 * uniform in [0, 1): spectra spread 4, whose axes stay apart (eigenvalue gaps far above the noise), so
 * that they can be recovered to rounding at small d. Each Σ_c is symmetric bit for bit, as the
 * M-steps compose them.
 */
export function randomSharedAxes(random: () => number, d: number, k: number): Float64Array {
  const axes = normalArray(random, d * d); // column j becomes the j-th axis
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let r = 0; r < d; r++) dot += at(axes, r * d + i) * at(axes, r * d + j);
      for (let r = 0; r < d; r++) axes[r * d + j] = at(axes, r * d + j) - dot * at(axes, r * d + i);
    }
    let norm = 0;
    for (let r = 0; r < d; r++) norm += at(axes, r * d + j) ** 2;
    for (let r = 0; r < d; r++) axes[r * d + j] = at(axes, r * d + j) / Math.sqrt(norm);
  }
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const lambda = Float64Array.from(
      { length: d },
      (_, j) => 4 ** (c - 1) * (1 + (3 * j) / Math.max(d - 1, 1)) * (1 + random() / 50),
    );
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = 0;
        for (let m = 0; m < d; m++) sum += at(axes, i * d + m) * at(lambda, m) * at(axes, j * d + m);
        out[c * d * d + i * d + j] = sum;
        out[c * d * d + j * d + i] = sum;
      }
    }
  }
  return out;
}

/** K log mixing weights of random positive weights summing to 1. */
export function randomLogWeights(random: () => number, k: number): Float64Array {
  const weights = Float64Array.from({ length: k }, () => 0.1 + random());
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => Math.log(w / total));
}

export interface Mixture {
  readonly means: Float64Array;
  readonly precChol: Float64Array;
  readonly logDet: Float64Array;
  readonly logWeights: Float64Array;
}

/** K components with means spread 3 around `center` in every coordinate, factored by the reference. */
export function randomMixture(random: () => number, d: number, k: number, center = 0): Mixture {
  const means = normalArray(random, k * d, center, 3);
  const { precChol, logDet, status } = choleskyPrecisionFull(randomSpd(random, d, k), d, k);
  if (status !== 0)
    throw new Error(`randomSpd gave a matrix that is not positive definite (status ${status})`);
  return { means, precChol, logDet, logWeights: randomLogWeights(random, k) };
}

/** N rows of D drawn around a random one of the K means, each coordinate spread 1. */
export function pointsNear(random: () => number, means: Float64Array, n: number, d: number, k: number) {
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(random() * k);
    for (let j = 0; j < d; j++) x[i * d + j] = at(means, c * d + j) + normal(random);
  }
  return x;
}

/** What the statistics kernels read: N×D points, N×K responsibilities and K×D centres. */
export interface StatisticsProblem {
  readonly x: Float64Array;
  readonly resp: Float64Array;
  readonly centers: Float64Array;
}

/** Points around K means, soft responsibilities, and centres near (not at) the means, as mid-EM. */
export function statisticsProblem(seed: number, d: number, n: number, k: number): StatisticsProblem {
  const random = mulberry32(seed);
  const means = normalArray(random, k * d, 0, 3);
  const x = pointsNear(random, means, n, d, k);
  const { resp } = normalizeLogProb(normalArray(random, n * k, 0, 2), n, k);
  const centers = means.map((m) => m + 0.1 * random());
  return { x, resp, centers };
}

/**
 * Asserts |actual − expected| ≤ rel·(|expected| + scale) elementwise, listing every violation (index,
 * both values) so a failure says where. `scale` (a number or one per element) is the magnitude of
 * the terms the value was computed from: where they cancel, |expected| alone would demand more
 * accuracy than any summation order can give.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  scale: number | ArrayLike<number>,
  rel = 1e-12,
): void {
  expect(actual.length).toBe(expected.length);
  const violations: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = at(actual, i);
    const b = at(expected, i);
    const s = typeof scale === 'number' ? scale : at(scale, i);
    if (!(Math.abs(a - b) <= rel * (Math.abs(b) + s))) violations.push(`[${i}] got ${a}, expected ${b}`);
  }
  expect(violations.slice(0, 10), `${violations.length} of ${expected.length} differ`).toEqual([]);
}

/** A buffer in wasm memory with SENTINEL guard cells on both sides of its interior. */
export class Guarded {
  private constructor(
    private readonly block: F64Block,
    readonly length: number,
  ) {}

  static allocate(arena: Arena, interior: ArrayLike<number> | number, fill: number): Guarded {
    const length = typeof interior === 'number' ? interior : interior.length;
    const buffer = new Guarded(arena.f64(length + 2 * GUARD), length);
    const view = buffer.block.view();
    view.fill(SENTINEL);
    if (typeof interior === 'number') view.fill(fill, GUARD, GUARD + length);
    else view.set(interior, GUARD);
    return buffer;
  }

  /** Byte address of interior element `element` (an offset into the buffer, as a kernel receives). */
  ptr(element = 0): number {
    return this.block.ptr + 8 * (GUARD + element);
  }

  /** A copy of the interior. */
  values(): Float64Array {
    return this.block.read(GUARD, GUARD + this.length);
  }

  /** Fails unless every guard cell still holds SENTINEL. */
  expectGuardsIntact(): void {
    const all = this.block.read();
    const guards = [...all.subarray(0, GUARD), ...all.subarray(GUARD + this.length)];
    expect(guards, 'guard cells around the buffer').toEqual(new Array(2 * GUARD).fill(SENTINEL));
  }
}

/** The kernels plus an arena of guarded buffers; dispose after every test. */
export class Workspace {
  readonly kernels = kernelsSync();
  private readonly arena = new Arena(this.kernels);
  private readonly buffers: Guarded[] = [];
  private readonly inputs: { buffer: Guarded; original: Float64Array }[] = [];

  /** A kernel input: checked unchanged by {@link expectUntouched}. */
  input(values: Float64Array): Guarded {
    const buffer = this.track(Guarded.allocate(this.arena, values, 0));
    this.inputs.push({ buffer, original: values.slice() });
    return buffer;
  }

  /** An output or scratch buffer whose interior starts as `fill` (or a copy of the given values). */
  output(interior: ArrayLike<number> | number, fill = Number.NaN): Guarded {
    return this.track(Guarded.allocate(this.arena, interior, fill));
  }

  /** Every guard cell intact and every input bit-for-bit as written, for buffers made since the last check. */
  expectUntouched(): void {
    for (const buffer of this.buffers) buffer.expectGuardsIntact();
    for (const { buffer, original } of this.inputs) {
      // A hand loop: toEqual on inputs of 10⁵ elements costs a second each.
      const values = buffer.values();
      const changed = original.findIndex((v, i) => !Object.is(v, values[i]));
      expect(changed, `first changed element of an input (-1: none) of ${original.length}`).toBe(-1);
    }
    this.buffers.length = 0;
    this.inputs.length = 0;
  }

  dispose(): void {
    this.arena.dispose();
  }

  private track(buffer: Guarded): Guarded {
    this.buffers.push(buffer);
    return buffer;
  }
}

/** Index of the first element that is not bit-identical (Object.is), or −1: cheap on 10⁴ elements. */
export function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) if (!Object.is(actual[i], expected[i])) return i;
  return -1;
}
