// Tied log-densities with the shared factor applied once per point. Every component has the same
// U (U·Uᵀ = Σ⁻¹), so Uᵀ(x − μ_c) = Uᵀx′ − Uᵀμ′_c with x′ = x − z and μ′_c = μ_c − z (z the shared
// origin, origin.ts, which keeps both terms at the data's spread rather than their distance from
// zero): one triangular solve per point for all k components, then per component a difference and
// a square per feature, where solving each component alone costs d(d + 1)/2 multiply-adds.
import { centreLanes } from './blocks';
import { LOG_2PI } from './density';
import { laneOffset, lanesAdd, lanesMul, lanesSplat, lanesZero, passes } from './lanes';
import { pairDensities, SQUARE } from './pairs';
import { BLOCK, BLOCK_BYTES, blockAt, lanesAt, originAt, panelAt, shiftedAt } from './scratch';

/**
 * target[j·8 + lane] = Σ_{t≤j} U_tj·e[t·8 + lane] for this pass's lanes of a centred block `e`,
 * t in order: columns j and j + 1 of U together, so each centred feature loaded once feeds both.
 */
@inline
function solveBlock<T>(e: usize, u: usize, rowBytes: usize, target: usize, d: i32): void {
  let j = 0;
  for (; j < d; j += 2) {
    const pair = j + 1 < d; // an odd d's last column computes a copy of itself, not stored
    const next: usize = pair ? 8 : 0;
    let y0 = lanesZero<T>();
    let y1 = lanesZero<T>();
    let y2 = lanesZero<T>();
    let y3 = lanesZero<T>();
    let z0 = lanesZero<T>();
    let z1 = lanesZero<T>();
    let z2 = lanesZero<T>();
    let z3 = lanesZero<T>();
    let entry = u + (<usize>j << 3);
    let source = e;
    for (let t = 0; t <= j; t++) {
      const utj = lanesSplat<T>(entry);
      const utk = lanesSplat<T>(entry + next);
      const e0 = load<T>(source);
      const e1 = load<T>(source, 16);
      const e2 = load<T>(source, 32);
      const e3 = load<T>(source, 48);
      y0 = lanesAdd<T>(y0, lanesMul<T>(utj, e0));
      y1 = lanesAdd<T>(y1, lanesMul<T>(utj, e1));
      y2 = lanesAdd<T>(y2, lanesMul<T>(utj, e2));
      y3 = lanesAdd<T>(y3, lanesMul<T>(utj, e3));
      z0 = lanesAdd<T>(z0, lanesMul<T>(utk, e0));
      z1 = lanesAdd<T>(z1, lanesMul<T>(utk, e1));
      z2 = lanesAdd<T>(z2, lanesMul<T>(utk, e2));
      z3 = lanesAdd<T>(z3, lanesMul<T>(utk, e3));
      entry += rowBytes;
      source += BLOCK_BYTES;
    }
    const column = target + <usize>j * BLOCK_BYTES;
    store<T>(column, y0);
    store<T>(column, y1, 16);
    store<T>(column, y2, 32);
    store<T>(column, y3, 48);
    if (!pair) break;
    const utk = lanesSplat<T>(entry + 8);
    store<T>(column + BLOCK_BYTES, lanesAdd<T>(z0, lanesMul<T>(utk, load<T>(source))));
    store<T>(column + BLOCK_BYTES, lanesAdd<T>(z1, lanesMul<T>(utk, load<T>(source, 16))), 16);
    store<T>(column + BLOCK_BYTES, lanesAdd<T>(z2, lanesMul<T>(utk, load<T>(source, 32))), 32);
    store<T>(column + BLOCK_BYTES, lanesAdd<T>(z3, lanesMul<T>(utk, load<T>(source, 48))), 48);
  }
}

/** target[j] = Σ_{t≤j} U_tj·(source[t] − z[t]) for one row, t in order; `shifted` holds d doubles. */
@inline
function solveRow(target: usize, source: usize, shifted: usize, originPtr: usize, u: usize, d: i32): void {
  for (let t = 0; t < d; t++) {
    const offset = <usize>t << 3;
    store<f64>(shifted + offset, load<f64>(source + offset) - load<f64>(originPtr + offset));
  }
  for (let j = 0; j < d; j++) {
    let y = 0.0;
    for (let t = 0; t <= j; t++) y += load<f64>(u + ((<usize>t * d + j) << 3)) * load<f64>(shifted + (<usize>t << 3));
    store<f64>(target + (<usize>j << 3), y);
  }
}

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
  const panel = panelAt(workPtr);
  const centred = blockAt(workPtr, d);
  const solved = shiftedAt(workPtr, d);
  const origin = originAt(workPtr, d);
  for (let b = 0; b < rows; b += BLOCK) {
    const block = <usize>(b / BLOCK) * blockBytes;
    for (let parity = 0; parity < passes<T>(); parity++) {
      const lane = laneOffset<T>(parity);
      centreLanes<T>(centred, panel + block, origin, d, lane);
      solveBlock<T>(centred + lane, precCholPtr, rowBytes, solved + block + lane, d);
    }
  }
  const m1 = lanesAt(workPtr, d); // Uᵀμ′ of the pair's first component
  const m2 = m1 + rowBytes; // and of its second
  const shifted = m2 + rowBytes; // μ′ while it is solved
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI + load<f64>(logDetPtr);
  for (let c = 0; c < k; c += 2) {
    // An odd last component is paired with itself, and its copy's densities are not stored.
    const c2 = c + 1 < k ? c + 1 : c;
    solveRow(m1, meansPtr + <usize>c * rowBytes, shifted, origin, precCholPtr, d);
    solveRow(m2, meansPtr + <usize>c2 * rowBytes, shifted, origin, precCholPtr, d);
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
    solveRow(point, xPtr + <usize>i * rowBytes, shifted, origin, precCholPtr, d);
    for (let c = 0; c < k; c++) {
      solveRow(mean, meansPtr + <usize>c * rowBytes, shifted, origin, precCholPtr, d);
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
