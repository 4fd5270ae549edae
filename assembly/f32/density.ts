// Weighted Gaussian log-densities for full and tied covariance in f32: ../density.ts's formula,
// log π_c − ½(d·ln 2π + ‖U_cᵀ(xᵢ − μ_c)‖²) + Σⱼ log U_c,jj, with xᵢ − μ_c, y = U_cᵀ(xᵢ − μ_c) and
// q = ‖y‖² in single precision (μ_c and U_c rounded to f32 once per panel and component). q is
// widened to f64 before the offset (log-determinant and log-weight, kept in f64) is added.
import { LOG_2PI } from '../density';
import { centreLanes32, roundToF32, roundUpperToF32 } from './blocks';
import { add32, laneOffset32, mul32, passes32, splat32, storeDensities32, zero32 } from './lanes';
import { BLOCK32, BLOCK32_BYTES, block32At, panel32At, params32At } from './scratch';

/**
 * The densities of rows first..first+rows−1 (a multiple of 16) from their transposed panel, into
 * out[i·k + c] (f64). perComponent: one U (d×d) and logDet per component (full), or one for all (tied).
 */
export function densityPanelTriangular32<T>(
  workPtr: usize,
  first: i32,
  rows: i32,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
  perComponent: bool,
): void {
  const rowBytes = <usize>d << 3;
  const panel = panel32At(workPtr);
  const block = block32At(workPtr, d);
  const mean32 = params32At(workPtr, d);
  const u32 = mean32 + (<usize>d << 2);
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const shared = perComponent ? <usize>c : 0;
    roundToF32(mean32, meansPtr + <usize>c * rowBytes, d);
    if (perComponent || c == 0) roundUpperToF32(u32, precCholPtr + shared * d * rowBytes, d);
    const offset = constant + load<f64>(logDetPtr + (shared << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let b = 0; b < rows; b += BLOCK32) {
      const transposed = panel + <usize>(b / BLOCK32) * d * BLOCK32_BYTES;
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes32<T>(); parity++) {
        const lane = laneOffset32<T>(parity);
        centreLanes32<T>(block, transposed, mean32, d, lane);
        triangularBlock32<T>(block + lane, u32, <usize>d << 2, out, stride, offset, d, parity);
      }
    }
  }
}

/** One pass over a centred block: the quadratic forms, stored as densities (../density.ts's order). */
@inline
function triangularBlock32<T>(block: usize, u: usize, rowBytes: usize, out: usize, stride: usize, offset: f64, d: i32, parity: i32): void {
  let q0 = zero32<T>();
  let q1 = zero32<T>();
  let q2 = zero32<T>();
  let q3 = zero32<T>();
  // Columns j and j + 1 of U together: each centred feature loaded once feeds both sums. The order
  // of every addition is the row kernel's, so lanes and tail agree bit for bit.
  let j = 0;
  for (; j + 1 < d; j += 2) {
    let y0 = zero32<T>();
    let y1 = zero32<T>();
    let y2 = zero32<T>();
    let y3 = zero32<T>();
    let z0 = zero32<T>();
    let z1 = zero32<T>();
    let z2 = zero32<T>();
    let z3 = zero32<T>();
    let entry = u + (<usize>j << 2);
    let e = block;
    for (let t = 0; t <= j; t++) {
      const utj = splat32<T>(entry);
      const utk = splat32<T>(entry + 4);
      const e0 = load<T>(e);
      const e1 = load<T>(e, 16);
      const e2 = load<T>(e, 32);
      const e3 = load<T>(e, 48);
      y0 = add32<T>(y0, mul32<T>(utj, e0));
      y1 = add32<T>(y1, mul32<T>(utj, e1));
      y2 = add32<T>(y2, mul32<T>(utj, e2));
      y3 = add32<T>(y3, mul32<T>(utj, e3));
      z0 = add32<T>(z0, mul32<T>(utk, e0));
      z1 = add32<T>(z1, mul32<T>(utk, e1));
      z2 = add32<T>(z2, mul32<T>(utk, e2));
      z3 = add32<T>(z3, mul32<T>(utk, e3));
      entry += rowBytes;
      e += BLOCK32_BYTES;
    }
    const utk = splat32<T>(entry + 4);
    z0 = add32<T>(z0, mul32<T>(utk, load<T>(e)));
    z1 = add32<T>(z1, mul32<T>(utk, load<T>(e, 16)));
    z2 = add32<T>(z2, mul32<T>(utk, load<T>(e, 32)));
    z3 = add32<T>(z3, mul32<T>(utk, load<T>(e, 48)));
    q0 = add32<T>(add32<T>(q0, mul32<T>(y0, y0)), mul32<T>(z0, z0));
    q1 = add32<T>(add32<T>(q1, mul32<T>(y1, y1)), mul32<T>(z1, z1));
    q2 = add32<T>(add32<T>(q2, mul32<T>(y2, y2)), mul32<T>(z2, z2));
    q3 = add32<T>(add32<T>(q3, mul32<T>(y3, y3)), mul32<T>(z3, z3));
  }
  if (j < d) {
    // The last column of an odd d.
    let y0 = zero32<T>();
    let y1 = zero32<T>();
    let y2 = zero32<T>();
    let y3 = zero32<T>();
    let entry = u + (<usize>j << 2);
    let e = block;
    for (let t = 0; t <= j; t++) {
      const utj = splat32<T>(entry);
      y0 = add32<T>(y0, mul32<T>(utj, load<T>(e)));
      y1 = add32<T>(y1, mul32<T>(utj, load<T>(e, 16)));
      y2 = add32<T>(y2, mul32<T>(utj, load<T>(e, 32)));
      y3 = add32<T>(y3, mul32<T>(utj, load<T>(e, 48)));
      entry += rowBytes;
      e += BLOCK32_BYTES;
    }
    q0 = add32<T>(q0, mul32<T>(y0, y0));
    q1 = add32<T>(q1, mul32<T>(y1, y1));
    q2 = add32<T>(q2, mul32<T>(y2, y2));
    q3 = add32<T>(q3, mul32<T>(y3, y3));
  }
  storeDensities32<T>(out, stride, offset, parity, q0, q1, q2, q3);
}

/** The densities of rows from..n−1 (f32 rows), one at a time: the n % 16 rows after the last block. */
export function densityRowsTriangular32(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  precCholPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
  perComponent: bool,
): void {
  const rowBytes = <usize>d << 3;
  const centred = block32At(workPtr, d);
  const mean32 = params32At(workPtr, d);
  const u32 = mean32 + (<usize>d << 2);
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const shared = perComponent ? <usize>c : 0;
    roundToF32(mean32, meansPtr + <usize>c * rowBytes, d);
    if (perComponent || c == 0) roundUpperToF32(u32, precCholPtr + shared * d * rowBytes, d);
    const offset = constant + load<f64>(logDetPtr + (shared << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let i = from; i < n; i++) {
      const row = xPtr + ((<usize>i * d) << 2);
      for (let t = 0; t < d; t++) {
        const at = <usize>t << 2;
        store<f32>(centred + at, load<f32>(row + at) - load<f32>(mean32 + at));
      }
      let q: f32 = 0.0;
      for (let j = 0; j < d; j++) {
        let y: f32 = 0.0;
        for (let t = 0; t <= j; t++) y += load<f32>(u32 + ((<usize>t * d + j) << 2)) * load<f32>(centred + (<usize>t << 2));
        q += y * y;
      }
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * <f64>q);
    }
  }
}
