/**
 * The EVE/VVE M-step's MM loop in wasm (assembly/orientation.ts, with assembly/polar.ts and
 * assembly/fdlibm.ts) against its plain TypeScript twin (test/reference/orientation-equal.ts), and
 * the SIMD build against the scalar one, to the bit: the majorising constants ω (each Wₖ's largest
 * eigenvalue, against the library's Jacobi solver), shapes, axes, volumes and the iterations run.
 * Where the loop stops depends on rounding, so an equal count of iterations is part of the check.
 * At D = 1…9 (every tail of the SIMD build's pairs of entries) and K = 2, 3, 5, from mclust's start and from a carried one,
 * with the default inner test, a fixed count of iterations, none, and singular scatter.
 */
import { describe, expect, it } from 'vitest';
import type { Kernels } from '../../src/wasm/kernels';
import { runCommonOrientation } from '../../src/wasm/orientation';
import { type ReferenceLoop, referenceCommonOrientation } from '../reference/orientation-equal';
import { bothBuilds, firstDifference, mulberry32, randomSpd } from './harness';

const BUILDS = bothBuilds();

interface Case {
  readonly d: number;
  readonly k: number;
  readonly volumes: boolean;
  readonly innerTol: number;
  readonly innerMaxIter: number;
  /** Start from a carried state (the result of a short run) rather than mclust's A = I, D = I. */
  readonly carried: boolean;
  /** Component 0's scatter of rank 1 (its points on a line): shapes of 0, a volume of 0. */
  readonly singular: boolean;
}

/** A loop's inputs: K scatter matrices Nₖ·Sₖ, their counts, and ω from the library's eigen-solver. */
function loopOf(c: Case): ReferenceLoop {
  const { d, k } = c;
  const random = mulberry32(7919 * d + 31 * k + (c.volumes ? 1 : 0));
  const nk = Float64Array.from({ length: k }, () => 20 + Math.floor(200 * random()));
  const w = randomSpd(random, d, k);
  for (let comp = 0; comp < k; comp++)
    for (let i = 0; i < d * d; i++)
      w[comp * d * d + i] = (w[comp * d * d + i] as number) * (nk[comp] as number);
  if (c.singular) {
    // Symmetric bit for bit, as the library's scatter is (its kernel reads columns as rows).
    const u = Float64Array.from({ length: d }, () => random() - 0.5);
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) {
        const value = 50 * (u[i] as number) * (u[j] as number);
        w[i * d + j] = value;
        w[j * d + i] = value;
      }
  }
  const n = nk.reduce((sum, value) => sum + value, 0);
  const shape = new Float64Array(k * d).fill(1);
  const axes = new Float64Array(d * d);
  for (let j = 0; j < d; j++) axes[j * d + j] = 1;
  const scale = new Float64Array(k).fill(1);
  const loop = {
    w,
    nk,
    shape,
    axes,
    scale,
    n,
    d,
    k,
    volumes: c.volumes,
    innerTol: c.innerTol,
    innerMaxIter: c.innerMaxIter,
  };
  if (c.carried) referenceCommonOrientation({ ...loop, innerTol: -1, innerMaxIter: 3 });
  return loop;
}

function copyOf(loop: ReferenceLoop): ReferenceLoop {
  return { ...loop, shape: loop.shape.slice(), axes: loop.axes.slice(), scale: loop.scale.slice() };
}

/** Runs one build's kernel, through the bridge, on a copy of `loop`: the state after, ω and the iterations. */
function runBuild(kernels: Kernels, start: ReferenceLoop): Run {
  const loop = copyOf(start);
  const { iterations, omega } = runCommonOrientation(loop, kernels);
  return { iterations, omega, shape: loop.shape, axes: loop.axes, scale: loop.scale };
}

/** A run's result: the iterations, the majorising constants and the state. */
interface Run {
  readonly iterations: number;
  readonly omega: Float64Array;
  readonly shape: Float64Array;
  readonly axes: Float64Array;
  readonly scale: Float64Array;
}

function expectSameRun(actual: Run, expected: Run): void {
  expect(actual.iterations).toBe(expected.iterations);
  const names = ['omega', 'shape', 'axes', 'scale'] as const;
  const differing = names
    .map((name) => [name, firstDifference(actual[name] as Float64Array, expected[name] as Float64Array)])
    .filter(([, at]) => at !== -1);
  expect(differing, 'buffers whose bits differ, at their first differing element').toEqual([]);
}

const CONTROLS = [
  { innerTol: Math.sqrt(Number.EPSILON), innerMaxIter: 1000 },
  { innerTol: -1, innerMaxIter: 6 },
  { innerTol: Math.sqrt(Number.EPSILON), innerMaxIter: 0 },
] as const;

const CASES: Case[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((d) =>
  [2, 3, 5].flatMap((k) =>
    [false, true].flatMap((volumes) =>
      CONTROLS.flatMap((control) =>
        [false, true].map((carried) => ({ d, k, volumes, ...control, carried, singular: false })),
      ),
    ),
  ),
);
const SINGULAR: Case[] = [2, 3, 8].flatMap((d) =>
  [false, true].map((volumes) => ({ d, k: 3, volumes, ...CONTROLS[1], carried: false, singular: true })),
);

const title = (c: Case) =>
  `d=${c.d} k=${c.k} ${c.volumes ? 'VVE' : 'EVE'} tol=${c.innerTol} max=${c.innerMaxIter}${c.carried ? ' carried' : ''}${c.singular ? ' singular' : ''}`;

describe('commonOrientation: the MM loop in wasm', () => {
  it.each([...CASES, ...SINGULAR].map((c) => [title(c), c] as const))(
    '%s: both builds give the twin’s bits',
    (_t, c) => {
      const start = loopOf(c);
      const reference = copyOf(start);
      const { iterations, omega } = referenceCommonOrientation(reference);
      const expected = {
        iterations,
        omega,
        shape: reference.shape,
        axes: reference.axes,
        scale: reference.scale,
      };
      expectSameRun(runBuild(BUILDS.simd, start), expected);
      expectSameRun(runBuild(BUILDS.scalar, start), expected);
    },
  );

  it('runs to the inner test, not to the limit, from mclust’s start', () => {
    const start = loopOf({ d: 4, k: 3, volumes: false, ...CONTROLS[0], carried: false, singular: false });
    const run = runBuild(BUILDS.simd, start);
    expect(run.iterations).toBeGreaterThan(5);
    expect(run.iterations).toBeLessThan(1000);
    // The axes it returns are orthonormal: Dᵀ·D = I.
    const { d } = start;
    const axes = run.axes as Float64Array;
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let l = 0; l < d; l++) sum += (axes[i * d + l] as number) * (axes[j * d + l] as number);
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  it('the bridge runs this thread’s module by default and updates the caller’s state in place', () => {
    const start = loopOf({ d: 5, k: 3, volumes: true, ...CONTROLS[0], carried: true, singular: false });
    const expected = runBuild(BUILDS.simd, start);
    const loop = copyOf(start);
    const { iterations, omega } = runCommonOrientation(loop);
    expectSameRun({ iterations, omega, shape: loop.shape, axes: loop.axes, scale: loop.scale }, expected);
    expect(loop.shape).not.toEqual(start.shape);
  });
});
