/**
 * The classification's entropy in wasm (assembly/entropy.ts, ICL's penalty) against its twin
 * (test/reference/entropy.ts), in both builds, to the bit: rows unweighted and weighted (weights of
 * 0 among them, skipped), a running total carried in, and responsibilities from near-uniform to
 * near-certain, whose 1 − (1 − max) rounds to 1.
 */
import { describe, expect, it } from 'vitest';
import type { Kernels } from '../../src/wasm/kernels';
import { Arena } from '../../src/wasm/memory';
import { classificationEntropy } from '../reference/entropy';
import { bothBuilds, COUNTS, mulberry32 } from './harness';

const BUILDS = bothBuilds();

/** Rows of responsibilities summing to 1: random, with every fifth row all but certain. */
function responsibilities(n: number, k: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const raw = Float64Array.from({ length: k }, () => (i % 5 === 0 ? 1e-12 : random()));
    if (i % 5 === 0) raw[i % k] = 1;
    const sum = raw.reduce((a, b) => a + b, 0);
    for (let c = 0; c < k; c++) out[i * k + c] = (raw[c] as number) / sum;
  }
  return out;
}

function inWasm(
  kernels: Kernels,
  resp: Float64Array,
  weights: Float64Array | undefined,
  start: number,
  n: number,
  k: number,
) {
  const arena = new Arena(kernels);
  try {
    const r = arena.f64(resp.length);
    const w = weights ? arena.f64(weights.length) : undefined;
    r.write(resp);
    if (weights) w?.write(weights);
    return kernels.classificationEntropy(r.ptr, w ? w.ptr : 0, start, n, k);
  } finally {
    arena.dispose();
  }
}

const CASES = COUNTS.flatMap((n) =>
  [1, 3, 5].flatMap((k) => [false, true].map((weighted) => [n, k, weighted] as const)),
);

describe('classificationEntropy', () => {
  it.each(CASES)('n=%i k=%i weighted=%s: both builds give the twin’s bits', (n, k, weighted) => {
    const resp = responsibilities(n, k, 31 * n + k);
    const random = mulberry32(n + 7);
    const weights = weighted
      ? Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : 3 * random()))
      : undefined;
    const start = -12.5;
    const expected = classificationEntropy(resp, weights, start, n, k);
    for (const kernels of Object.values(BUILDS))
      expect(Object.is(inWasm(kernels, resp, weights, start, n, k), expected)).toBe(true);
    // What it adds: nothing for no rows or one component (every max is 1), else a positive entropy
    // (log max γ ≤ 0 is subtracted), tiny for the one all-but-certain row of n = 1.
    if (n === 0 || k === 1) expect(expected).toBe(start);
    else if (n === 1) expect(expected).toBeGreaterThanOrEqual(start);
    else expect(expected).toBeGreaterThan(start + 1);
  });

  it('skips rows of weight 0 and counts a weight as that many rows', () => {
    const resp = new Float64Array([0.5, 0.5, 0.25, 0.75, 0.9, 0.1]);
    const weights = new Float64Array([0, 2, 1]);
    const value = inWasm(BUILDS.simd, resp, weights, 0, 3, 2);
    expect(value).toBeCloseTo(-(2 * Math.log(0.75) + Math.log(0.9)), 14);
  });
});
