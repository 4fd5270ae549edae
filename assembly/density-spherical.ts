// Spherical log-densities as a product. With one precision p_c per component, the quadratic form
// p_c‖x − μ_c‖² expands into p_c((‖x′‖² + ‖μ′_c‖²) − 2·x′·μ′_c) with x′ = x − z and μ′_c = μ_c − z
// (z the shared origin, origin.ts): the squared lengths are computed once per point and per
// component, so each point and component costs one dot product, a multiplication and an addition
// per feature, where the direct form pays a subtraction and two multiplications besides. Components
// go in pairs, so that each shifted feature, loaded once, feeds both.
import { LOG_2PI } from './density';
import { laneOffset, passes } from './lanes';
import { shiftPanel, shiftRow } from './origin';
import { DOT, pairDensities, productForm } from './pairs';
import { BLOCK, BLOCK_BYTES, blockAt, normsAt, originAt, panelAt, shiftedAt } from './scratch';

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c] = −½(d·ln 2π + p_c‖xᵢ − μ_c‖²) + logDet[c] + logWeights[c]; the shared origin must
 * already be in scratch (meanOfMeans).
 */
export function densityPanelSpherical<T>(
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
): void {
  const rowBytes = <usize>d << 3;
  const shifted = shiftedAt(workPtr, d);
  const norms = normsAt(workPtr, d);
  const origin = originAt(workPtr, d);
  const first1 = blockAt(workPtr, d); // μ′ of the pair's first component
  const second1 = first1 + rowBytes; // and of its second
  shiftPanel<T>(shifted, norms, panelAt(workPtr), origin, rows, d);
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c += 2) {
    // An odd last component is paired with itself, and its copy's densities are not stored.
    const c2 = c + 1 < k ? c + 1 : c;
    const s1 = shiftRow(first1, meansPtr + <usize>c * rowBytes, origin, d);
    const s2 = shiftRow(second1, meansPtr + <usize>c2 * rowBytes, origin, d);
    const p1 = load<f64>(precisionsPtr + (<usize>c << 3));
    const p2 = load<f64>(precisionsPtr + (<usize>c2 << 3));
    const offset1 = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    const offset2 = constant + load<f64>(logDetPtr + (<usize>c2 << 3)) + load<f64>(logWeightsPtr + (<usize>c2 << 3));
    for (let b = 0; b < rows; b += BLOCK) {
      const block = shifted + <usize>(b / BLOCK) * d * BLOCK_BYTES;
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        const lane = laneOffset<T>(parity);
        const norm = norms + (<usize>b << 3) + lane;
        pairDensities<T>(DOT, block + lane, first1, second1, 0, 0, d, out, stride, parity, c2 != c, offset1, offset2, norm, s1, s2, p1, p2);
      }
    }
  }
}

/** The densities of rows from..n−1, one at a time, by the panel kernel's operations: the n % 8 tail. */
export function densityRowsSpherical(
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
): void {
  const rowBytes = <usize>d << 3;
  const point = panelAt(workPtr); // x′ of the row
  const mean = blockAt(workPtr, d); // μ′ of the component
  const origin = originAt(workPtr, d);
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let i = from; i < n; i++) {
    const norm = shiftRow(point, xPtr + <usize>i * rowBytes, origin, d);
    for (let c = 0; c < k; c++) {
      const s = shiftRow(mean, meansPtr + <usize>c * rowBytes, origin, d);
      let dot = 0.0;
      for (let j = 0; j < d; j++) dot += load<f64>(point + (<usize>j << 3)) * load<f64>(mean + (<usize>j << 3));
      const q = productForm<f64>(norm, s, load<f64>(precisionsPtr + (<usize>c << 3)), dot);
      const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
