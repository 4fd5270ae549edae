// Weighted Gaussian log-densities for diagonal and spherical covariance in f32: ../density-diagonal.ts's
// Σⱼ p_cj (xᵢⱼ − μ_cj)² with the differences, squares and sum in single precision (μ_c and p_c
// rounded to f32 once per panel and component), widened to f64 before the offset is added.
import { LOG_2PI } from '../density';
import { roundToF32 } from './blocks';
import { add32, laneOffset32, mul32, passes32, splat32, storeDensities32, sub32, zero32 } from './lanes';
import { BLOCK32, BLOCK32_BYTES, panel32At, params32At } from './scratch';

/**
 * The densities of rows first..first+rows−1 (a multiple of 16) from their transposed panel, into
 * out[i·k + c] (f64). perFeature: k×d precisions (diag), or one per component (spherical).
 */
export function densityPanelDiagonal32<T>(
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
  const panel = panel32At(workPtr);
  const mean32 = params32At(workPtr, d);
  const precision32 = mean32 + (<usize>d << 2);
  const featureStep: usize = perFeature ? 4 : 0;
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    roundParameters(mean32, precision32, meansPtr, precisionsPtr, c, d, perFeature);
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let b = 0; b < rows; b += BLOCK32) {
      const transposed = panel + <usize>(b / BLOCK32) * d * BLOCK32_BYTES;
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes32<T>(); parity++) {
        let q0 = zero32<T>();
        let q1 = zero32<T>();
        let q2 = zero32<T>();
        let q3 = zero32<T>();
        let p = precision32;
        let m = mean32;
        // Each feature is used once, so it is centred in registers rather than through a stored block.
        let x = transposed + laneOffset32<T>(parity);
        for (let j = 0; j < d; j++) {
          const pj = splat32<T>(p);
          const mj = splat32<T>(m);
          const e0 = sub32<T>(load<T>(x), mj);
          const e1 = sub32<T>(load<T>(x, 16), mj);
          const e2 = sub32<T>(load<T>(x, 32), mj);
          const e3 = sub32<T>(load<T>(x, 48), mj);
          q0 = add32<T>(q0, mul32<T>(pj, mul32<T>(e0, e0)));
          q1 = add32<T>(q1, mul32<T>(pj, mul32<T>(e1, e1)));
          q2 = add32<T>(q2, mul32<T>(pj, mul32<T>(e2, e2)));
          q3 = add32<T>(q3, mul32<T>(pj, mul32<T>(e3, e3)));
          p += featureStep;
          m += 4;
          x += BLOCK32_BYTES;
        }
        storeDensities32<T>(out, stride, offset, parity, q0, q1, q2, q3);
      }
    }
  }
}

/** The densities of rows from..n−1 (f32 rows), one at a time: the n % 16 rows after the last block. */
export function densityRowsDiagonal32(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
  perFeature: bool,
): void {
  const mean32 = params32At(workPtr, d);
  const precision32 = mean32 + (<usize>d << 2);
  const featureStep: usize = perFeature ? 4 : 0;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    roundParameters(mean32, precision32, meansPtr, precisionsPtr, c, d, perFeature);
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let i = from; i < n; i++) {
      const row = xPtr + ((<usize>i * d) << 2);
      let q: f32 = 0.0;
      let p = precision32;
      for (let j = 0; j < d; j++) {
        const e = load<f32>(row + (<usize>j << 2)) - load<f32>(mean32 + (<usize>j << 2));
        q += load<f32>(p) * (e * e);
        p += featureStep;
      }
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * <f64>q);
    }
  }
}

/** Component c's mean and its precisions (d of them, or the one of a spherical component) in f32. */
@inline
function roundParameters(mean32: usize, precision32: usize, meansPtr: usize, precisionsPtr: usize, c: i32, d: i32, perFeature: bool): void {
  roundToF32(mean32, meansPtr + ((<usize>c * d) << 3), d);
  if (perFeature) roundToF32(precision32, precisionsPtr + ((<usize>c * d) << 3), d);
  else roundToF32(precision32, precisionsPtr + (<usize>c << 3), 1);
}
