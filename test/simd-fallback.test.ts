// Runtimes without WebAssembly SIMD (Safari before 16.4, some embedded engines) get the scalar build
// of the same kernels, chosen automatically. Node always has SIMD, so the test takes it away: the
// probe's validation is made to fail, and the library is loaded afresh.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { embeddedBinary } from './embedded-binaries';
import { blobs } from './helpers';

const PROBE_LENGTH = 31;

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('a runtime without SIMD', () => {
  it('runs the scalar build and fits what the SIMD build fits', async () => {
    const { X } = blobs(
      5,
      [
        [0, 0],
        [6, 1],
        [2, 7],
      ],
      233,
    );
    const options = {
      components: 3,
      covariance: 'full',
      seed: 11,
      restarts: 2,
      tol: 0,
      maxIter: 25,
    } as const;
    const simd = await (await import('../src/index')).GaussianMixture.fit(X, options);

    const validate = WebAssembly.validate.bind(WebAssembly);
    vi.spyOn(WebAssembly, 'validate').mockImplementation((bytes) =>
      ArrayBuffer.isView(bytes) && bytes.byteLength === PROBE_LENGTH ? false : validate(bytes),
    );
    const compiled: Uint8Array[] = [];
    const compile = WebAssembly.compile.bind(WebAssembly);
    vi.spyOn(WebAssembly, 'compile').mockImplementation((bytes) => {
      compiled.push(new Uint8Array(ArrayBuffer.isView(bytes) ? bytes.buffer : bytes));
      return compile(bytes);
    });
    vi.resetModules();
    const fallback = await import('../src/index');
    expect(fallback.supportsSimd()).toBe(false);
    const scalar = await fallback.GaussianMixture.fit(X, options);

    expect(compiled).toHaveLength(1);
    expect(compiled[0]).toEqual(embeddedBinary('scalar'));
    // The same operations in the same order: the same bits (test/build-identity.test.ts covers more).
    expect(scalar.logLikelihood).toBe(simd.logLikelihood);
    expect(scalar.history).toEqual(simd.history);
    expect(scalar.means).toEqual(simd.means);
    expect(scalar.covariances).toEqual(simd.covariances);
    expect(Array.from(scalar.predict(X))).toEqual(Array.from(simd.predict(X)));
  });
});
