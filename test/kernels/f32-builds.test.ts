// Every f32 kernel of the SIMD build (gmm.wasm) against the same kernel of the scalar build
// (gmm-scalar.wasm), to the bit: the scalar build runs each f32x4 lane as a pass of plain floats,
// with the same operations in the same order (assembly/f32/lanes.ts). At every size of the harness.
import { describe, expect, it } from 'vitest';
import type { FamilyF32 } from '../reference/kernels-f32';
import { type CallF32, F32_KERNELS, familyInputs, runF32, scatterLength } from './f32-harness';
import { bothBuilds, firstDifference, mulberry32, normalArray, SIZES, seedOf } from './harness';

const { simd: SIMD, scalar: SCALAR } = bothBuilds();

function expectSameBits<K extends string>(
  buffers: Record<K, Float64Array | Float32Array>,
  call: CallF32<K>,
): void {
  const simd = runF32(SIMD, buffers, call);
  const scalar = runF32(SCALAR, buffers, call);
  expect(Object.is(scalar.value, simd.value), `returned ${scalar.value} vs ${simd.value}`).toBe(true);
  const differing = (Object.keys(buffers) as K[])
    .filter((name) => name !== 'work')
    .map((name) => [name, firstDifference(scalar.after[name], simd.after[name])])
    .filter(([, at]) => at !== -1);
  expect(differing, 'buffers whose bits differ, at their first differing element').toEqual([]);
}

describe.each(['full', 'tied', 'diag', 'spherical'] as FamilyF32[])(
  'the f32 %s kernels on both builds',
  (family) => {
    const names = F32_KERNELS[family];
    it.each(SIZES)('give the same bits at d=%i, n=%i, k=%i', (d, n, k) => {
      const { x, means, precisions, logDet, logWeights } = familyInputs(
        family,
        seedOf(d, n, k) + 3,
        d,
        n,
        k,
        2,
      );
      const random = mulberry32(seedOf(d, n, k));
      const weights = normalArray(random, n).map((v) => Math.exp(v));
      const buffers = {
        x,
        means,
        precisions,
        logDet,
        logWeights,
        weights,
        resp: new Float64Array(n * k),
        logNorm: new Float64Array(n),
        nk: new Float64Array(k),
        first: new Float64Array(k * d),
        scatter: new Float64Array(scatterLength(family, d, k)),
        work: new Float64Array(SIMD.scratchLengthF32(d, names.triangular)),
      };
      expectSameBits(buffers, (w, p) => {
        w[names.density](p.x, p.means, p.precisions, p.logDet, p.logWeights, p.resp, p.work, n, d, k);
        return undefined;
      });
      expectSameBits(buffers, (w, p) =>
        w[names.eStep](
          p.x,
          p.means,
          p.precisions,
          p.logDet,
          p.logWeights,
          p.weights,
          p.resp,
          p.logNorm,
          p.nk,
          p.first,
          p.scatter,
          p.work,
          n,
          d,
          k,
        ),
      );
    });
  },
);
