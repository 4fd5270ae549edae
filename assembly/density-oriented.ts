// Log-densities of the models with one orientation shared by every component (mclust's VEE, EVE
// and VVE): Σ_c = D·Λ_c·Dᵀ with D orthogonal and Λ_c diagonal, so that
// (x − μ_c)ᵀΣ_c⁻¹(x − μ_c) = Σⱼ (yⱼ − a_cj)² / Λ_cj with y = Dᵀ(x − z) and a_c = Dᵀ(μ_c − z), z
// the shared origin (origin.ts). The rotation is paid once per point for all k components (d²
// multiply-adds, shared-factor.ts), then each component costs a weighted square per feature (the
// diagonal kernel's cell, pairs.ts), where solving each component's triangle costs d(d + 1)/2.
// The factors come from precisionOriented (oriented-factor.ts), which falls back to the full
// kernel's factors when the covariances do not share their axes; passes.ts picks the kernel.
import { LOG_2PI } from './density';
import { laneOffset, passes } from './lanes';
import { pairDensities, WEIGHTED_SQUARE } from './pairs';
import { BLOCK, BLOCK_BYTES, lanesAt, originAt, panelAt, shiftedAt } from './scratch';
import { applyFactorPanel, applyFactorRow } from './shared-factor';

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c] = −½(d·ln 2π + Σⱼ p_cj (yᵢⱼ − a_cj)²) + logDet[c] + logWeights[c]. factorsPtr: D
 * (d×d, column j the j-th axis) then p (k×d, p_cj = 1/Λ_cj). The shared origin must already be
 * in scratch (meanOfMeans).
 */
export function densityPanelOriented<T>(
  workPtr: usize,
  first: i32,
  rows: i32,
  meansPtr: usize,
  factorsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const blockBytes = <usize>d * BLOCK_BYTES;
  const precisions = factorsPtr + <usize>d * rowBytes;
  applyFactorPanel<T>(true, workPtr, rows, factorsPtr, d);
  const rotated = shiftedAt(workPtr, d);
  const origin = originAt(workPtr, d);
  const a1 = lanesAt(workPtr, d); // Dᵀμ′ of the pair's first component
  const a2 = a1 + rowBytes; // and of its second
  const shifted = a2 + rowBytes; // μ′ while it is rotated
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c += 2) {
    // An odd last component is paired with itself, and its copy's densities are not stored.
    const c2 = c + 1 < k ? c + 1 : c;
    applyFactorRow(true, a1, meansPtr + <usize>c * rowBytes, shifted, origin, factorsPtr, d);
    applyFactorRow(true, a2, meansPtr + <usize>c2 * rowBytes, shifted, origin, factorsPtr, d);
    const offset1 = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    const offset2 = constant + load<f64>(logDetPtr + (<usize>c2 << 3)) + load<f64>(logWeightsPtr + (<usize>c2 << 3));
    const p1 = precisions + <usize>c * rowBytes;
    const p2 = precisions + <usize>c2 * rowBytes;
    for (let b = 0; b < rows; b += BLOCK) {
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        const y = rotated + <usize>(b / BLOCK) * blockBytes + laneOffset<T>(parity);
        pairDensities<T>(WEIGHTED_SQUARE, y, a1, a2, p1, p2, d, out, stride, parity, c2 != c, offset1, offset2, 0, 0, 0, 0, 0);
      }
    }
  }
}

/** The densities of rows from..n−1, one at a time, by the panel kernel's operations: the n % 8 tail. */
export function densityRowsOriented(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  factorsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const precisions = factorsPtr + <usize>d * rowBytes;
  const point = panelAt(workPtr); // Dᵀx′ of the row
  const mean = point + rowBytes; // Dᵀμ′ of the component
  const shifted = mean + rowBytes; // x′ or μ′ while it is rotated
  const origin = originAt(workPtr, d);
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let i = from; i < n; i++) {
    applyFactorRow(true, point, xPtr + <usize>i * rowBytes, shifted, origin, factorsPtr, d);
    for (let c = 0; c < k; c++) {
      applyFactorRow(true, mean, meansPtr + <usize>c * rowBytes, shifted, origin, factorsPtr, d);
      const p = precisions + <usize>c * rowBytes;
      let q = 0.0;
      for (let j = 0; j < d; j++) {
        const offset = <usize>j << 3;
        const e = load<f64>(point + offset) - load<f64>(mean + offset);
        q += load<f64>(p + offset) * (e * e);
      }
      const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
