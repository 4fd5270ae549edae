// The fused E-step kernels against the kernels they fuse, called in turn: the same densities,
// responsibilities and statistics to the bit (they share their code per panel; the fused full
// E-step also shares each centred block between its densities and statistics), the same total up
// to the order of its sum; with and without sample weights, at sizes that cover the SIMD tails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { choleskyPrecisionFull } from '../reference/kernels';
import { orientedFactors } from './density-harness';
import {
  expectClose,
  firstDifference,
  mulberry32,
  normalArray,
  pointsNear,
  randomLogWeights,
  randomSharedAxes,
  randomSpd,
  SIZES,
  seedOf,
  Workspace,
} from './harness';

type Family = 'full' | 'tied' | 'oriented' | 'diag' | 'spherical';

/** Each family's fused kernel, the kernels it fuses, and the lengths of its precisions and scatter. */
const FAMILIES = {
  full: { fused: 'eStepFull', density: 'logDensityFull', accumulate: 'accumulateFull' },
  tied: { fused: 'eStepTied', density: 'logDensityTied', accumulate: 'accumulateFull' },
  oriented: { fused: 'eStepOriented', density: 'logDensityOriented', accumulate: 'accumulateFull' },
  diag: { fused: 'eStepDiag', density: 'logDensityDiag', accumulate: 'accumulateDiag' },
  spherical: { fused: 'eStepSpherical', density: 'logDensitySpherical', accumulate: 'accumulateDiag' },
} as const;

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
});
afterEach(() => {
  ws.dispose();
});

/** Precisions in the family's form, from a random mixture's covariances. */
function precisionsOf(family: Family, covariances: Float64Array, d: number, k: number) {
  switch (family) {
    case 'full':
      return choleskyPrecisionFull(covariances, d, k);
    case 'tied':
      return choleskyPrecisionFull(covariances.subarray(0, d * d), d, 1);
    case 'oriented': {
      // The kernel's own factors: the oriented form where rotating pays, else the full one.
      const { factors, logDet } = orientedFactors(ws, covariances, d, k);
      return { precChol: factors, logDet };
    }
    case 'diag': {
      const precChol = Float64Array.from(
        { length: k * d },
        (_, i) => 1 / (covariances[Math.floor(i / d) * d * d + (i % d) * (d + 1)] as number),
      );
      const logDet = Float64Array.from(
        { length: k },
        (_, c) => 0.5 * precChol.subarray(c * d, c * d + d).reduce((s, p) => s + Math.log(p), 0),
      );
      return { precChol, logDet };
    }
    case 'spherical': {
      const precChol = Float64Array.from({ length: k }, (_, c) => 1 / (covariances[c * d * d] as number));
      const logDet = Float64Array.from(precChol, (p) => 0.5 * d * Math.log(p));
      return { precChol, logDet };
    }
  }
}

function scatterLength(family: Family, d: number, k: number): number {
  return family === 'diag' || family === 'spherical' ? k * d : k * d * d;
}

describe.each(['full', 'tied', 'oriented', 'diag', 'spherical'] as const)('%s', (family) => {
  // The fused full E-step keeps a panel's centred blocks for its statistics while k·d ≤ 128
  // (assembly/scratch.ts, keptBlocks): both sides of that limit, besides the harness's sizes.
  const KEPT_LIMIT: [number, number, number][] = [
    [32, 1030, 4],
    [43, 1030, 3],
  ];
  it.each([...SIZES.filter(([, n]) => n > 0), ...KEPT_LIMIT])(
    'd=%i n=%i k=%i: fused equals the kernels in turn',
    (d, n, k) => {
      for (const weighted of [false, true]) {
        const random = mulberry32(seedOf(d, n, k) + (weighted ? 1 : 0));
        const means = normalArray(random, k * d, 0, 3);
        const covariances = family === 'oriented' ? randomSharedAxes(random, d, k) : randomSpd(random, d, k);
        const logWeights = randomLogWeights(random, k);
        const x = pointsNear(random, means, n, d, k);
        const { precChol, logDet } = precisionsOf(family, covariances, d, k);
        const weights = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 1 + (i % 3)));
        const kernels = ws.kernels;
        const names = FAMILIES[family];
        const input = {
          x: ws.input(x),
          means: ws.input(means),
          precisions: ws.input(precChol),
          logDet: ws.input(logDet),
          logWeights: ws.input(logWeights),
          weights: ws.input(weights),
        };
        const work = ws.output(kernels.scratchLength(d, family === 'diag' || family === 'spherical' ? 0 : 1));
        const outputs = () => ({
          resp: ws.output(n * k),
          logNorm: ws.output(n),
          nk: ws.output(k, 0),
          first: ws.output(k * d, 0),
          scatter: ws.output(scatterLength(family, d, k), 0),
        });
        const fused = outputs();
        const total = kernels[names.fused](
          input.x.ptr(),
          input.means.ptr(),
          input.precisions.ptr(),
          input.logDet.ptr(),
          input.logWeights.ptr(),
          weighted ? input.weights.ptr() : 0,
          fused.resp.ptr(),
          fused.logNorm.ptr(),
          fused.nk.ptr(),
          fused.first.ptr(),
          fused.scatter.ptr(),
          work.ptr(),
          n,
          d,
          k,
        );
        const separate = outputs();
        const [xPtr, meansPtr, respPtr] = [input.x.ptr(), input.means.ptr(), separate.resp.ptr()];
        kernels[names.density](
          xPtr,
          meansPtr,
          input.precisions.ptr(),
          input.logDet.ptr(),
          input.logWeights.ptr(),
          respPtr,
          work.ptr(),
          n,
          d,
          k,
        );
        let expectedTotal = kernels.normalizeLogProb(respPtr, separate.logNorm.ptr(), n, k);
        if (weighted) {
          expectedTotal = kernels.weightResponsibilities(
            respPtr,
            separate.logNorm.ptr(),
            input.weights.ptr(),
            n,
            k,
          );
        }
        const { nk, first, scatter } = separate;
        kernels[names.accumulate](
          xPtr,
          respPtr,
          meansPtr,
          nk.ptr(),
          first.ptr(),
          scatter.ptr(),
          work.ptr(),
          n,
          d,
          k,
        );
        ws.expectUntouched();

        for (const key of ['resp', 'logNorm', 'nk', 'first', 'scatter'] as const) {
          const difference = firstDifference(fused[key].values(), separate[key].values());
          expect(difference, `${key} (weighted: ${weighted})`).toBe(-1);
        }
        expectClose([total], [expectedTotal], Math.abs(expectedTotal) + 1);
      }
    },
  );
});
