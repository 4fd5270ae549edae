// The SIMD build (gmm.wasm) and the scalar build (gmm-scalar.wasm, for runtimes without WebAssembly
// SIMD) perform the same operations in the same order, so every fit gives the same bits on both:
// each case of ./build-identity-cases.ts runs once on each, in a library loaded afresh with that
// binary, and every number read from the results must be identical (Object.is: −0 and NaN count).
import { describe, expect, it, vi } from 'vitest';
import { buildIdentityCases } from './build-identity-cases';
import type { Library } from './built-library';
import { embeddedBinary } from './embedded-binaries';

/** The library in a fresh module graph, loaded with the given binary. */
async function libraryOn(binary: Uint8Array): Promise<Library> {
  vi.resetModules();
  const library = await import('../src/index');
  await library.ready(binary);
  return library;
}

/** Paths (and both values) where two results differ, comparing every number by its bits. */
function bitDifferences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' || typeof b === 'number') {
    return Object.is(a, b) ? [] : [`${path || '.'}: ${String(a)} vs ${String(b)}`];
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    return bitDifferences(Array.from(a as ArrayLike<number>), Array.from(b as ArrayLike<number>), path);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: length ${a.length} vs ${b.length}`];
    return a.flatMap((value, i) => bitDifferences(value, b[i], `${path}[${i}]`));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) =>
      bitDifferences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      ),
    );
  }
  return Object.is(a, b) ? [] : [`${path || '.'}: ${String(a)} vs ${String(b)}`];
}

describe('the SIMD and scalar builds', () => {
  it('give the same bits for every covariance type, shape, weighting, missing values and the Bayesian mixture', async () => {
    const cases = buildIdentityCases();
    const simd = await libraryOn(embeddedBinary('simd'));
    expect(simd.supportsSimd()).toBe(true);
    const simdResults: unknown[] = [];
    for (const c of cases) simdResults.push(await c.run(simd));

    const scalar = await libraryOn(embeddedBinary('scalar'));
    expect(scalar.supportsSimd()).toBe(false);
    const differing: string[] = [];
    let failed = 0;
    for (const [i, c] of cases.entries()) {
      const result = await c.run(scalar);
      if (typeof result === 'object' && result !== null && 'error' in result) failed++;
      const differences = bitDifferences(simdResults[i], result);
      if (differences.length > 0) differing.push(`${c.name}: ${differences.slice(0, 3).join('; ')}`);
    }
    expect(differing).toEqual([]);
    // The cases are fits, not refusals: an error on both builds would compare equal and test nothing.
    expect(failed).toBe(0);
    expect(cases.length).toBeGreaterThan(100);
  }, 120_000);
});
