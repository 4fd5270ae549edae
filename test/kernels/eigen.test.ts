/**
 * `symmetricEigens` (assembly/jacobi.ts, through src/wasm/eigen.ts), the eigen-decompositions of
 * EEV's, VEV's and EVV's M-steps, against the TypeScript solver it stands in for (src/eigen.ts), to
 * the bit, in the SIMD and the scalar build: values, vectors and their order, at D = 1…9 and 17,
 * for dense matrices, repeated eigenvalues (the stable order of equals), a diagonal matrix (no
 * rotation at all) and a singular one.
 */
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/eigen';
import { symmetricEigens } from '../../src/wasm/eigen';
import { bothBuilds, firstDifference, mulberry32, randomSpd } from './harness';

const BUILDS = bothBuilds();

type Kind = 'dense' | 'repeated' | 'diagonal' | 'singular';

/** K symmetric D×D matrices of the given kind, one after another. */
function matrices(kind: Kind, d: number, k: number): Float64Array {
  const random = mulberry32(101 * d + 7 * k + kind.length);
  if (kind === 'dense') return randomSpd(random, d, k);
  const out = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) {
    const at = c * d * d;
    if (kind === 'repeated') {
      // 2·I plus a rank-one bump: D − 1 eigenvalues equal to 2.
      const u = Float64Array.from({ length: d }, () => random() - 0.5);
      for (let i = 0; i < d; i++)
        for (let j = 0; j <= i; j++) {
          const value = (i === j ? 2 : 0) + (u[i] as number) * (u[j] as number);
          out[at + i * d + j] = value;
          out[at + j * d + i] = value;
        }
    } else if (kind === 'diagonal') {
      for (let i = 0; i < d; i++) out[at + i * d + i] = 1 + Math.floor(4 * random());
    } else {
      // Rank one: every eigenvalue but one is 0 (to rounding).
      const u = Float64Array.from({ length: d }, () => random() - 0.5);
      for (let i = 0; i < d; i++)
        for (let j = 0; j <= i; j++) {
          const value = 3 * (u[i] as number) * (u[j] as number);
          out[at + i * d + j] = value;
          out[at + j * d + i] = value;
        }
    }
  }
  return out;
}

const CASES = (['dense', 'repeated', 'diagonal', 'singular'] as const).flatMap((kind) =>
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 17].flatMap((d) => [1, 3].map((k) => [kind, d, k] as const)),
);

describe('symmetricEigens: the Jacobi solver in wasm', () => {
  it.each(CASES)('%s, d=%i, k=%i: both builds give src/eigen.ts’s bits', (kind, d, k) => {
    const a = matrices(kind, d, k);
    const expected = Array.from({ length: k }, (_, c) => symmetricEigen(a, d, c * d * d));
    for (const kernels of Object.values(BUILDS)) {
      const actual = symmetricEigens(a, d, k, kernels);
      expect(actual).toHaveLength(k);
      actual.forEach(({ values, vectors }, c) => {
        const reference = expected[c] as (typeof expected)[number];
        expect(firstDifference(values, reference.values), `values of matrix ${c}`).toBe(-1);
        expect(firstDifference(vectors, reference.vectors), `vectors of matrix ${c}`).toBe(-1);
      });
    }
  });

  it('orders the values largest first and leaves the input as it was', () => {
    const a = matrices('dense', 5, 3);
    const before = a.slice();
    const eigen = symmetricEigens(a, 5, 3, BUILDS.simd);
    expect(firstDifference(a, before)).toBe(-1);
    for (const { values } of eigen)
      for (let j = 1; j < 5; j++) expect(values[j] as number).toBeLessThanOrEqual(values[j - 1] as number);
  });

  it('runs this thread’s module by default', () => {
    const a = matrices('dense', 4, 2);
    const ours = symmetricEigens(a, 4, 2);
    const simd = symmetricEigens(a, 4, 2, BUILDS.simd);
    ours.forEach(({ values, vectors }, c) => {
      expect(firstDifference(values, (simd[c] as (typeof simd)[number]).values)).toBe(-1);
      expect(firstDifference(vectors, (simd[c] as (typeof simd)[number]).vectors)).toBe(-1);
    });
  });
});
