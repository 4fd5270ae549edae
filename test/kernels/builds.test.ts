// Every kernel of the SIMD build (gmm.wasm) against the same kernel of the scalar build
// (gmm-scalar.wasm) on the same inputs, to the bit: the scalar build runs the same blocks, panels
// and tails, each lane with the same operations in the same order (assembly/lanes.ts). At every
// size of the harness, so blocks of 8, panels of 128 and the n % 8 tail are all covered.
import { describe, expect, it } from 'vitest';
import type { Kernels } from '../../src/wasm/kernels';
import { Arena } from '../../src/wasm/memory';
import { choleskyPrecisionFull } from '../reference/kernels';
import {
  bothBuilds,
  firstDifference,
  mulberry32,
  normalArray,
  pointsNear,
  randomLogWeights,
  randomSharedAxes,
  randomSpd,
  SIZES,
  seedOf,
} from './harness';

const { simd: SIMD, scalar: SCALAR } = bothBuilds();

/** A kernel call over named buffers (given by their pointers): inputs copied in, all read back after. */
type Call<K extends string> = (kernels: Kernels, ptr: Record<K, number>) => number | undefined;

/** Runs `call` on one build with fresh copies of `buffers`; returns them afterwards and the result. */
function runOn<K extends string>(kernels: Kernels, buffers: Record<K, Float64Array>, call: Call<K>) {
  const arena = new Arena(kernels);
  try {
    const names = Object.keys(buffers) as K[];
    const blocks = names.map((name) => {
      const block = arena.f64(buffers[name].length);
      block.write(buffers[name]);
      return block;
    });
    const ptr = Object.fromEntries(names.map((name, i) => [name, blocks[i]?.ptr])) as Record<K, number>;
    const value = call(kernels, ptr);
    const after = Object.fromEntries(names.map((name, i) => [name, blocks[i]?.read()])) as Record<
      K,
      Float64Array
    >;
    return { value, after };
  } finally {
    arena.dispose();
  }
}

/** Asserts both builds leave every buffer but the scratch (`work`) with the same bits and return the same value. */
function expectSameBits<K extends string>(buffers: Record<K, Float64Array>, call: Call<K>): void {
  const simd = runOn(SIMD, buffers, call);
  const scalar = runOn(SCALAR, buffers, call);
  expect(Object.is(scalar.value, simd.value), `returned ${scalar.value} vs ${simd.value}`).toBe(true);
  const differing = (Object.keys(buffers) as K[])
    .filter((name) => name !== 'work')
    .map((name) => [name, firstDifference(scalar.after[name], simd.after[name])])
    .filter(([, at]) => at !== -1);
  expect(differing, 'buffers whose bits differ, at their first differing element').toEqual([]);
}

type Family = 'full' | 'tied' | 'oriented' | 'diag' | 'spherical';
const NAMES = {
  full: { density: 'logDensityFull', accumulate: 'accumulateFull', eStep: 'eStepFull', triangular: 1 },
  tied: { density: 'logDensityTied', accumulate: 'accumulateFull', eStep: 'eStepTied', triangular: 1 },
  oriented: {
    density: 'logDensityOriented',
    accumulate: 'accumulateFull',
    eStep: 'eStepOriented',
    triangular: 1,
  },
  diag: { density: 'logDensityDiag', accumulate: 'accumulateDiag', eStep: 'eStepDiag', triangular: 0 },
  spherical: {
    density: 'logDensitySpherical',
    accumulate: 'accumulateDiag',
    eStep: 'eStepSpherical',
    triangular: 0,
  },
} as const;

/** The SIMD build's precisionOriented factors (D and 1/Λ where rotating pays, else triangles). */
function oriented(covariances: Float64Array, d: number, k: number) {
  const buffers = {
    covariances,
    precChol: new Float64Array(k * d * d + 1),
    logDet: new Float64Array(k),
    work: new Float64Array(2 * d * d + d),
  };
  const { after } = runOn(SIMD, buffers, (kernels, p) =>
    kernels.precisionOriented(p.covariances, p.precChol, p.logDet, p.work, d, k),
  );
  return { precChol: after.precChol, logDet: after.logDet };
}

/** Random rows, means, the family's precisions and soft responsibilities at one size. */
function problem(family: Family, d: number, n: number, k: number) {
  const random = mulberry32(seedOf(d, n, k) + 5);
  const means = normalArray(random, k * d, 0, 3);
  const covariances = family === 'oriented' ? randomSharedAxes(random, d, k) : randomSpd(random, d, k);
  const triangular = NAMES[family].triangular === 1;
  const factor =
    family === 'oriented'
      ? oriented(covariances, d, k)
      : choleskyPrecisionFull(covariances, d, family === 'tied' ? 1 : k);
  const variances = Float64Array.from({ length: family === 'spherical' ? k : k * d }, () => 0.5 + random());
  const precisions = triangular ? factor.precChol : variances.map((v) => 1 / v);
  const logDet = triangular ? factor.logDet : normalArray(random, k);
  const resp = normalArray(random, n * k, 0.5, 0.2).map(Math.abs);
  return {
    x: pointsNear(random, means, n, d, k),
    means,
    precisions,
    logDet,
    logWeights: randomLogWeights(random, k),
    weights: Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 0.5 + random())),
    resp,
    logNorm: new Float64Array(n),
    nk: normalArray(random, k),
    first: normalArray(random, k * d),
    scatter: normalArray(random, triangular ? k * d * d : k * d),
    work: new Float64Array(SIMD.scratchLength(d, NAMES[family].triangular)).fill(Number.NaN),
  };
}

describe.each(['full', 'tied', 'oriented', 'diag', 'spherical'] as const)(
  '%s kernels on both builds',
  (family) => {
    const names = NAMES[family];
    it.each(SIZES)('d=%i n=%i k=%i: densities, statistics and E-steps to the bit', (d, n, k) => {
      const buffers = problem(family, d, n, k);
      expectSameBits(buffers, (kernels, p) => {
        kernels[names.density](p.x, p.means, p.precisions, p.logDet, p.logWeights, p.resp, p.work, n, d, k);
        return kernels.normalizeLogProb(p.resp, p.logNorm, n, k);
      });
      expectSameBits(buffers, (kernels, p) => {
        kernels[names.accumulate](p.x, p.resp, p.means, p.nk, p.first, p.scatter, p.work, n, d, k);
        return undefined;
      });
      for (const weighted of [false, true]) {
        expectSameBits(buffers, (kernels, p) =>
          kernels[names.eStep](
            p.x,
            p.means,
            p.precisions,
            p.logDet,
            p.logWeights,
            weighted ? p.weights : 0,
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
      }
    });
  },
);

describe('precisionOriented on both builds', () => {
  it.each(SIZES.filter(([, n]) => n === 0))('d=%i n=%i k=%i: the factors, to the bit', (d, _n, k) => {
    for (const shared of [true, false]) {
      const random = mulberry32(seedOf(d, 0, k) + (shared ? 11 : 12));
      const buffers = {
        covariances: shared ? randomSharedAxes(random, d, k) : randomSpd(random, d, k),
        factors: new Float64Array(k * d * d + 1),
        logDet: new Float64Array(k),
        work: new Float64Array(2 * d * d + d),
      };
      expectSameBits(buffers, (kernels, p) =>
        kernels.precisionOriented(p.covariances, p.factors, p.logDet, p.work, d, k),
      );
    }
  });
});

describe('responsibilities, exp, log and k-means on both builds', () => {
  // k up to 32 takes pairs of rows across the lanes in the SIMD build (responsibilities-pairs.ts),
  // 33 the rows one at a time; n = 37 leaves an odd row after the pairs, 301 three batches of rows.
  it.each([1, 2, 3, 4, 7, 8, 9, 16, 32, 33].flatMap((k) => [37, 301].map((n) => [k, n])))(
    'k=%i, n=%i: rows with −∞, +∞, equal maxima and spread values',
    (k, n) => {
      const random = mulberry32(4242 + k + n);
      const logProb = normalArray(random, n * k, -3, 40);
      logProb.fill(Number.NEGATIVE_INFINITY, 0, k); // a row of −∞: uniform responsibilities
      if (k > 1) logProb.fill(-1.5, k, 2 * k); // a row of ties
      for (let i = 2 * k; i < 3 * k; i++) logProb[i] = -800 + i; // exponentials that underflow
      logProb[3 * k] = Number.POSITIVE_INFINITY; // an overflowed density: uniform too
      logProb.fill(Number.NEGATIVE_INFINITY, (n - 1) * k, n * k); // the odd last row of −∞
      const weights = Float64Array.from({ length: n }, () => random());
      expectSameBits({ logProb, logNorm: new Float64Array(n), weights }, (kernels, p) => {
        const total = kernels.normalizeLogProb(p.logProb, p.logNorm, n, k);
        return total + kernels.weightResponsibilities(p.logProb, p.logNorm, p.weights, n, k);
      });
      expectSameBits({ values: logProb.map((v) => (Number.isFinite(v) ? v / 30 : v)) }, (kernels, p) => {
        kernels.expInPlace(p.values, n * k);
        return undefined;
      });
      expectSameBits({ values: logProb.map((v) => 1 + Math.abs(v) ** 3) }, (kernels, p) => {
        kernels.logInPlace(p.values, n * k);
        return undefined;
      });
    },
  );

  it.each(SIZES)('d=%i n=%i k=%i: assignNearer, accumulateCentroids and assignNearest', (d, n, k) => {
    const random = mulberry32(seedOf(d, n, k) + 9);
    const centres = normalArray(random, k * d, 0, 3);
    const buffers = {
      x: pointsNear(random, centres, n, d, k),
      centres,
      labels: new Float64Array(n),
      distances: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
      weights: Float64Array.from({ length: n }, () => random()),
      sums: new Float64Array(k * d),
      counts: new Float64Array(k),
      work: new Float64Array(SIMD.scratchLength(d, 0)),
    };
    expectSameBits(buffers, (kernels, p) => {
      let total = 0;
      for (let c = 0; c < k; c++) {
        total = kernels.assignNearer(p.x, p.centres + 8 * c * d, p.labels, p.distances, p.work, n, d, c);
      }
      kernels.accumulateCentroids(p.x, p.labels, p.weights, p.sums, p.counts, n, d);
      return total;
    });
    expectSameBits(buffers, (kernels, p) =>
      kernels.assignNearest(p.x, p.centres, p.labels, p.distances, p.work, n, d, k),
    );
  });
});
