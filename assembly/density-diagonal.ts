// Weighted Gaussian log-densities for diagonal and spherical covariance, where the quadratic form
// is a weighted sum of squares, Σⱼ p_cj (xᵢⱼ − μ_cj)² with p = 1/σ² (from precisionDiag or
// precisionSpherical): no triangular factor, O(d) per point and component.
import { laneOffset, lanesAdd, lanesMul, lanesSplat, lanesSub, lanesZero, passes, storeLaneDensities } from './lanes';
import { LOG_2PI } from './density';
import { BLOCK, BLOCK_BYTES, panelAt } from './scratch';

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c] = −½(d·ln 2π + Σⱼ p_cj (xᵢⱼ − μ_cj)²) + logDet[c] + logWeights[c]. perFeature: k×d
 * precisions (diag), or one per component (spherical).
 */
export function densityPanelDiagonal<T>(
  workPtr: usize,
  first: i32,
  rows: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
  perFeature: bool,
): void {
  const rowBytes = <usize>d << 3;
  const featureStep: usize = perFeature ? 8 : 0;
  const panel = panelAt(workPtr);
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const precision = precisionsPtr + (perFeature ? <usize>c * rowBytes : <usize>c << 3);
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let b = 0; b < rows; b += BLOCK) {
      const transposed = panel + <usize>(b / BLOCK) * d * BLOCK_BYTES;
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        let q0 = lanesZero<T>();
        let q1 = lanesZero<T>();
        let q2 = lanesZero<T>();
        let q3 = lanesZero<T>();
        let p = precision;
        let m = mean;
        // Each feature is used once, so it is centred in registers rather than through a stored block.
        let x = transposed + laneOffset<T>(parity);
        for (let j = 0; j < d; j++) {
          const pj = lanesSplat<T>(p);
          const mj = lanesSplat<T>(m);
          const e0 = lanesSub<T>(load<T>(x), mj);
          const e1 = lanesSub<T>(load<T>(x, 16), mj);
          const e2 = lanesSub<T>(load<T>(x, 32), mj);
          const e3 = lanesSub<T>(load<T>(x, 48), mj);
          q0 = lanesAdd<T>(q0, lanesMul<T>(pj, lanesMul<T>(e0, e0)));
          q1 = lanesAdd<T>(q1, lanesMul<T>(pj, lanesMul<T>(e1, e1)));
          q2 = lanesAdd<T>(q2, lanesMul<T>(pj, lanesMul<T>(e2, e2)));
          q3 = lanesAdd<T>(q3, lanesMul<T>(pj, lanesMul<T>(e3, e3)));
          p += featureStep;
          m += 8;
          x += BLOCK_BYTES;
        }
        storeLaneDensities<T>(out, stride, offset, parity, q0, q1, q2, q3);
      }
    }
  }
}

/** The densities of rows from..n−1, one at a time: the n % 8 rows after the last block. */
export function densityRowsDiagonal(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
  perFeature: bool,
): void {
  const rowBytes = <usize>d << 3;
  const featureStep: usize = perFeature ? 8 : 0;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const precision = precisionsPtr + (perFeature ? <usize>c * rowBytes : <usize>c << 3);
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let i = from; i < n; i++) {
      const row = xPtr + <usize>i * rowBytes;
      let q = 0.0;
      let p = precision;
      for (let j = 0; j < d; j++) {
        const e = load<f64>(row + (<usize>j << 3)) - load<f64>(mean + (<usize>j << 3));
        q += load<f64>(p) * (e * e);
        p += featureStep;
      }
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
