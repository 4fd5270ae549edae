// Tied log-densities with the shared factor applied once per point. Every component has the same
// U (U·Uᵀ = Σ⁻¹), so Uᵀ(x − μ_c) = Uᵀx′ − Uᵀμ′_c with x′ = x − z and μ′_c = μ_c − z (z the shared
// origin, origin.ts, which keeps both terms at the data's spread rather than their distance from
// zero): one triangular solve per point for all k components, then per component a difference and
// a square per feature, where solving each component alone costs d(d + 1)/2 multiply-adds.
import { LOG_2PI } from './density';
import { laneOffset, passes } from './lanes';
import { pairDensities, SQUARE } from './pairs';
import { BLOCK, BLOCK_BYTES, lanesAt, originAt, panelAt, shiftedAt } from './scratch';
import { applyFactorPanel, applyFactorRow } from './shared-factor';

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c] = −½(d·ln 2π + ‖Uᵀ(xᵢ − μ_c)‖²) + logDet[0] + logWeights[c]; the shared origin must
 * already be in scratch (meanOfMeans).
 */
export function densityPanelTied<T>(
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
): void {
  const rowBytes = <usize>d << 3;
  const blockBytes = <usize>d * BLOCK_BYTES;
  applyFactorPanel<T>(false, workPtr, rows, precCholPtr, d);
  const solved = shiftedAt(workPtr, d);
  const origin = originAt(workPtr, d);
  const m1 = lanesAt(workPtr, d); // Uᵀμ′ of the pair's first component
  const m2 = m1 + rowBytes; // and of its second
  const shifted = m2 + rowBytes; // μ′ while it is solved
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI + load<f64>(logDetPtr);
  for (let c = 0; c < k; c += 2) {
    // An odd last component is paired with itself, and its copy's densities are not stored.
    const c2 = c + 1 < k ? c + 1 : c;
    applyFactorRow(false, m1, meansPtr + <usize>c * rowBytes, shifted, origin, precCholPtr, d);
    applyFactorRow(false, m2, meansPtr + <usize>c2 * rowBytes, shifted, origin, precCholPtr, d);
    const offset1 = constant + load<f64>(logWeightsPtr + (<usize>c << 3));
    const offset2 = constant + load<f64>(logWeightsPtr + (<usize>c2 << 3));
    for (let b = 0; b < rows; b += BLOCK) {
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        const y = solved + <usize>(b / BLOCK) * blockBytes + laneOffset<T>(parity);
        pairDensities<T>(SQUARE, y, m1, m2, 0, 0, d, out, stride, parity, c2 != c, offset1, offset2, 0, 0, 0, 0, 0);
      }
    }
  }
}

/** The densities of rows from..n−1, one at a time, by the panel kernel's operations: the n % 8 tail. */
export function densityRowsTied(
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
): void {
  const rowBytes = <usize>d << 3;
  const point = panelAt(workPtr); // Uᵀx′ of the row
  const mean = point + rowBytes; // Uᵀμ′ of the component
  const shifted = mean + rowBytes; // x′ or μ′ while it is solved
  const origin = originAt(workPtr, d);
  const constant = -0.5 * <f64>d * LOG_2PI + load<f64>(logDetPtr);
  for (let i = from; i < n; i++) {
    applyFactorRow(false, point, xPtr + <usize>i * rowBytes, shifted, origin, precCholPtr, d);
    for (let c = 0; c < k; c++) {
      applyFactorRow(false, mean, meansPtr + <usize>c * rowBytes, shifted, origin, precCholPtr, d);
      let q = 0.0;
      for (let j = 0; j < d; j++) {
        const e = load<f64>(point + (<usize>j << 3)) - load<f64>(mean + (<usize>j << 3));
        q += e * e;
      }
      const offset = constant + load<f64>(logWeightsPtr + (<usize>c << 3));
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
