// The f32 kernels (assembly/f32/) against their twins (test/reference/kernels-f32.ts): log-densities
// to the bit, in every lane of a block of 16 and in the n % 16 tail; statistics to float rounding
// (the kernels sum 64 rows a lane in f32 before widening); the fused E-steps against the kernels they
// fuse, to the bit. At the harness's sizes, which cover blocks, panels of 256 and tails.
import { describe, expect, it } from 'vitest';
import { kernelsSync } from '../../src/wasm/load';
import { logDensityFull, logDensityTied, normalizeLogProb } from '../reference/kernels';
import { logDensityDiag, logDensitySpherical } from '../reference/kernels-diagonal';
import { accumulateF32, type FamilyF32, logDensityF32, toF32 } from '../reference/kernels-f32';
import { F32_KERNELS, familyInputs, runF32, scatterLength } from './f32-harness';
import { expectClose, firstDifference, mulberry32, normalArray, SIZES, seedOf } from './harness';

const kernels = kernelsSync();
const FAMILIES: FamilyF32[] = ['full', 'tied', 'diag', 'spherical'];
const F64_TWINS = {
  full: logDensityFull,
  tied: logDensityTied,
  diag: logDensityDiag,
  spherical: logDensitySpherical,
};

function densities(family: FamilyF32, seed: number, d: number, n: number, k: number, center = 0) {
  const inputs = familyInputs(family, seed, d, n, k, center);
  const work = new Float64Array(kernels.scratchLengthF32(d, F32_KERNELS[family].triangular));
  const { after } = runF32(
    kernels,
    { ...inputs, out: new Float64Array(n * k).fill(Number.NaN), work },
    (w, p) => {
      w[F32_KERNELS[family].density](
        p.x,
        p.means,
        p.precisions,
        p.logDet,
        p.logWeights,
        p.out,
        p.work,
        n,
        d,
        k,
      );
      return undefined;
    },
  );
  return { inputs, out: after.out as Float64Array, inputsAfter: after };
}

describe.each(FAMILIES)('the f32 log-density kernel, %s', (family) => {
  it.each(SIZES)('equals its twin to the bit at d=%i, n=%i, k=%i', (d, n, k) => {
    const { inputs, out, inputsAfter } = densities(family, seedOf(d, n, k), d, n, k);
    const { x, means, precisions, logDet, logWeights } = inputs;
    const expected = logDensityF32(family, x, means, precisions, logDet, logWeights, n, d, k);
    expect(firstDifference(out, expected), 'first cell that differs (-1: none)').toBe(-1);
    expect(firstDifference(inputsAfter.x, x), 'rows unchanged').toBe(-1);
    expect(firstDifference(inputsAfter.means, means), 'means unchanged').toBe(-1);
  });

  it('stays within float rounding of the f64 density of the same (rounded) values, offset data included', () => {
    const [d, n, k] = [17, 301, 3];
    const { inputs, out } = densities(family, 91, d, n, k, 1000);
    const { x, means, precisions, logDet, logWeights } = inputs;
    const exact = F64_TWINS[family](
      Float64Array.from(x),
      toF32(means),
      toF32(precisions),
      logDet,
      logWeights,
      n,
      d,
      k,
    );
    // ½q is what float rounding touches: x − μ loses nothing that matters (both near 1000, their
    // difference exact in f32 to 2⁻¹⁴), and the quadratic form is accurate to about 2⁻²⁴·d relative.
    const quadratic = Float64Array.from(exact, (v, i) => Math.abs(v) + Math.abs(out[i] as number));
    expectClose(out, exact, quadratic, 2e-6);
  });
});

describe.each(['full', 'diag'] as const)('the f32 statistics kernel, %s', (family) => {
  it.each(SIZES)('agrees with its twin at d=%i, n=%i, k=%i', (d, n, k) => {
    const random = mulberry32(seedOf(d, n, k) + 5);
    const { x, means } = familyInputs(family, seedOf(d, n, k), d, n, k, 3);
    const { resp } = normalizeLogProb(normalArray(random, n * k, 0, 2), n, k);
    const centers = means.map((m) => m + 0.1 * random());
    const triangular = family === 'full';
    const buffers = {
      x,
      resp,
      centers,
      nk: new Float64Array(k).fill(0.25),
      first: new Float64Array(k * d).fill(0.5),
      scatter: new Float64Array(scatterLength(family, d, k)).fill(0.75),
      work: new Float64Array(kernels.scratchLengthF32(d, triangular ? 1 : 0)),
    };
    const { after } = runF32(kernels, buffers, (w, p) => {
      w[F32_KERNELS[family].accumulate](p.x, p.resp, p.centers, p.nk, p.first, p.scatter, p.work, n, d, k);
      return undefined;
    });
    const twin = accumulateF32(triangular, x, resp, centers, n, d, k);
    // Added to what the buffers held; nk is summed in f64 exactly as the twin sums it.
    expect(
      firstDifference(
        after.nk,
        twin.nk.map((v) => 0.25 + v),
      ),
    ).toBe(-1);
    // Each lane's f32 sum passes a product through at most 2 + 16 additions: 18·2⁻²⁴ of Σ|terms|.
    expectClose(
      after.first,
      twin.first.map((v) => 0.5 + v),
      twin.magnitude.first.map((m) => m + 0.5),
      1.1e-6,
    );
    const upper = twin.squares.map((v, i) => (triangular && isBelowDiagonal(i, d) ? 0.75 : 0.75 + v));
    expectClose(
      after.scatter,
      upper,
      twin.magnitude.scatter.map((m) => m + 0.75),
      1.1e-6,
    );
  });
});

/** Whether cell i of K×D×D lies below the diagonal, which the triangular kernels leave alone. */
function isBelowDiagonal(i: number, d: number): boolean {
  const cell = i % (d * d);
  return Math.floor(cell / d) > cell % d;
}

describe.each(FAMILIES)('the fused f32 E-step, %s', (family) => {
  it.each(SIZES)('equals density, normalisation and statistics in turn at d=%i, n=%i, k=%i', (d, n, k) => {
    const { x, means, precisions, logDet, logWeights } = familyInputs(family, seedOf(d, n, k) + 9, d, n, k);
    const names = F32_KERNELS[family];
    const statistics = () => ({
      nk: new Float64Array(k),
      first: new Float64Array(k * d),
      scatter: new Float64Array(scatterLength(family, d, k)),
    });
    const work = new Float64Array(kernels.scratchLengthF32(d, names.triangular));
    const common = { x, means, precisions, logDet, logWeights, work };
    const fused = runF32(
      kernels,
      { ...common, resp: new Float64Array(n * k), logNorm: new Float64Array(n), ...statistics() },
      (w, p) =>
        w[names.eStep](
          p.x,
          p.means,
          p.precisions,
          p.logDet,
          p.logWeights,
          0,
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
    const apart = runF32(
      kernels,
      { ...common, resp: new Float64Array(n * k), logNorm: new Float64Array(n), ...statistics() },
      (w, p) => {
        w[names.density](p.x, p.means, p.precisions, p.logDet, p.logWeights, p.resp, p.work, n, d, k);
        const total = w.normalizeLogProb(p.resp, p.logNorm, n, k);
        w[names.accumulate](p.x, p.resp, p.means, p.nk, p.first, p.scatter, p.work, n, d, k);
        return total;
      },
    );
    for (const name of ['resp', 'logNorm', 'nk', 'first', 'scatter'] as const) {
      expect(firstDifference(fused.after[name], apart.after[name]), `${name}: first differing cell`).toBe(-1);
    }
    expectClose([fused.value ?? Number.NaN], [apart.value ?? Number.NaN], 0, 1e-12);
  });
});
