// The k-means kernels over f32 rows against the f64 kernels over the same values widened: the same
// labels, distances, totals, sums and counts to the bit, so a float32 fit's k-means start is the
// float64 start on its rounded rows (assignNearest's whole pass too). At the harness's sizes,
// weighted, on each build's module (the SIMD build sums centroids two features at a time).
import { describe, expect, it } from 'vitest';
import type { Kernels } from '../../src/wasm/kernels';
import { runF32 } from './f32-harness';
import { bothBuilds, firstDifference, mulberry32, normalArray, pointsNear, SIZES, seedOf } from './harness';

const { simd, scalar } = bothBuilds();
const BUILDS: [string, Kernels][] = [
  ['SIMD', simd],
  ['scalar', scalar],
];

describe.each(BUILDS)('the f32 k-means kernels of the %s build', (_, kernels) => {
  it.each(SIZES)('equal the f64 kernels on the widened rows at d=%i, n=%i, k=%i', (d, n, k) => {
    const random = mulberry32(seedOf(d, n, k) + 11);
    const centers = normalArray(random, k * d, 0, 3);
    const x32 = Float32Array.from(pointsNear(random, centers, n, d, k));
    const weights = normalArray(random, n).map((v) => Math.exp(v));
    const run = (x: Float32Array | Float64Array, f32: boolean) =>
      runF32(
        kernels,
        {
          x,
          centers,
          weights,
          labels: new Float64Array(n),
          distances: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
          sums: new Float64Array(k * d),
          counts: new Float64Array(k),
          work: new Float64Array(kernels.scratchLengthF32(d, 0)),
        },
        (w, p) => {
          const assign = f32 ? w.assignNearerF32 : w.assignNearer;
          let total = 0;
          for (let c = 0; c < k; c++)
            total += assign(p.x, p.centers + 8 * c * d, p.labels, p.distances, p.work, n, d, c);
          (f32 ? w.accumulateCentroidsF32 : w.accumulateCentroids)(
            p.x,
            p.labels,
            p.weights,
            p.sums,
            p.counts,
            n,
            d,
          );
          return total;
        },
      );
    const single = run(x32, true);
    const double = run(Float64Array.from(x32), false);
    expect(Object.is(single.value, double.value), `totals ${single.value} vs ${double.value}`).toBe(true);
    for (const name of ['labels', 'distances', 'sums', 'counts'] as const) {
      expect(firstDifference(single.after[name], double.after[name]), `${name}: first differing cell`).toBe(
        -1,
      );
    }
  });

  it.each(SIZES)('assignNearest equals the f64 pass on the widened rows at d=%i, n=%i, k=%i', (d, n, k) => {
    const random = mulberry32(seedOf(d, n, k) + 12);
    const centers = normalArray(random, k * d, 0, 3);
    const x32 = Float32Array.from(pointsNear(random, centers, n, d, k));
    const previous = Float64Array.from({ length: n }, () => Math.floor(k * random()));
    const run = (x: Float32Array | Float64Array, f32: boolean) =>
      runF32(
        kernels,
        {
          x,
          centers,
          labels: previous,
          distances: new Float64Array(n),
          work: new Float64Array(kernels.scratchLengthF32(d, 0)),
        },
        (w, p) =>
          (f32 ? w.assignNearestF32 : w.assignNearest)(
            p.x,
            p.centers,
            p.labels,
            p.distances,
            p.work,
            n,
            d,
            k,
          ),
      );
    const single = run(x32, true);
    const double = run(Float64Array.from(x32), false);
    expect(single.value, 'labels changed').toBe(double.value);
    for (const name of ['labels', 'distances'] as const) {
      expect(firstDifference(single.after[name], double.after[name]), `${name}: first differing cell`).toBe(
        -1,
      );
    }
  });
});
