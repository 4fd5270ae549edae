// The shared origin of the product-form density kernels (spherical, tied). They expand a quadratic
// form around every component at once, ‖x − μ_c‖² = ‖x‖² − 2x·μ_c + ‖μ_c‖², which cancels
// catastrophically when the data sit far from zero: the three terms grow with |x|², their
// difference does not. So both sides are moved first to z, the mean of the component means, which
// lies among the data whatever their units; the terms then grow with the data's spread around z,
// not with their distance from zero. z depends on the means only, never on the rows, so a point
// gets the same bits in any lane of any panel and in the scalar tail.
import { laneOffset, lanesAdd, lanesMul, lanesSplat, lanesSub, lanesZero, passes } from './lanes';
import { BLOCK, BLOCK_BYTES } from './scratch';

/** z[j] = (Σ_c μ_cj) / k, into originPtr (d doubles), summed over c in order. */
export function meanOfMeans(meansPtr: usize, originPtr: usize, d: i32, k: i32): void {
  const rowBytes = <usize>d << 3;
  for (let j = 0; j < d; j++) {
    let sum = 0.0;
    for (let c = 0; c < k; c++) sum += load<f64>(meansPtr + <usize>c * rowBytes + (<usize>j << 3));
    store<f64>(originPtr + (<usize>j << 3), sum / <f64>k);
  }
}

/** target[j] = source[j] − z[j] for j < d; returns Σⱼ target[j]², summed in order. */
@inline
export function shiftRow(target: usize, source: usize, originPtr: usize, d: i32): f64 {
  let norm = 0.0;
  for (let j = 0; j < d; j++) {
    const offset = <usize>j << 3;
    const value = load<f64>(source + offset) - load<f64>(originPtr + offset);
    store<f64>(target + offset, value);
    norm += value * value;
  }
  return norm;
}

/**
 * shifted = panel − z for `rows` transposed rows (a multiple of 8), and norms[r] = Σⱼ shifted_rj²
 * for each of them, summed over j in order: the same operations as shiftRow in every lane.
 */
@inline
export function shiftPanel<T>(shifted: usize, norms: usize, panel: usize, originPtr: usize, rows: i32, d: i32): void {
  const blockBytes = <usize>d * BLOCK_BYTES;
  for (let b = 0; b < rows; b += BLOCK) {
    const block = <usize>(b / BLOCK) * blockBytes;
    for (let parity = 0; parity < passes<T>(); parity++) {
      const lane = laneOffset<T>(parity);
      let n0 = lanesZero<T>();
      let n1 = lanesZero<T>();
      let n2 = lanesZero<T>();
      let n3 = lanesZero<T>();
      let source = panel + block + lane;
      let target = shifted + block + lane;
      for (let j = 0; j < d; j++) {
        const zj = lanesSplat<T>(originPtr + (<usize>j << 3));
        const s0 = lanesSub<T>(load<T>(source), zj);
        const s1 = lanesSub<T>(load<T>(source, 16), zj);
        const s2 = lanesSub<T>(load<T>(source, 32), zj);
        const s3 = lanesSub<T>(load<T>(source, 48), zj);
        store<T>(target, s0);
        store<T>(target, s1, 16);
        store<T>(target, s2, 32);
        store<T>(target, s3, 48);
        n0 = lanesAdd<T>(n0, lanesMul<T>(s0, s0));
        n1 = lanesAdd<T>(n1, lanesMul<T>(s1, s1));
        n2 = lanesAdd<T>(n2, lanesMul<T>(s2, s2));
        n3 = lanesAdd<T>(n3, lanesMul<T>(s3, s3));
        source += BLOCK_BYTES;
        target += BLOCK_BYTES;
      }
      const norm = norms + (<usize>b << 3) + lane;
      store<T>(norm, n0);
      store<T>(norm, n1, 16);
      store<T>(norm, n2, 32);
      store<T>(norm, n3, 48);
    }
  }
}
