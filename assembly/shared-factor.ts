// Densities whose components share one factor F, applied once per row: y = Fᵀ(x − z), with z the
// shared origin (origin.ts), which keeps y and Fᵀ(μ_c − z) at the data's spread rather than their
// distance from zero. Two families use it, told apart by `oriented` (a compile-time constant at
// every call site, as is `whole` below):
//   tied      F = U, the upper-triangular factor of the one precision (Σ⁻¹ = U·Uᵀ): per component
//             ‖y − Uᵀμ′_c‖², a difference and a square per feature;
//   oriented  F = D, the common axes of Σ_c = D·Λ_c·Dᵀ (VEE, EVE, VVE; oriented-factor.ts), a full
//             orthogonal matrix: per component Σⱼ p_cj (yⱼ − a_cj)² with p_c = 1/Λ_c, a_c = Dᵀμ′_c.
// Either way one solve or rotation per point serves all k components, where the full kernel
// solves one triangle of d(d + 1)/2 multiply-adds per point and component.
import { centreLanes } from './blocks';
import { LOG_2PI } from './density';
import { laneOffset, lanesAdd, lanesMul, lanesSplat, lanesZero, passes } from './lanes';
import { pairDensities, SQUARE, WEIGHTED_SQUARE } from './pairs';
import { BLOCK, BLOCK_BYTES, blockAt, lanesAt, originAt, panelAt, shiftedAt } from './scratch';

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c]: tied, −½(d·ln 2π + ‖Uᵀ(xᵢ − μ_c)‖²) + logDet[0] + logWeights[c] from U (d×d);
 * oriented, −½(d·ln 2π + Σⱼ p_cj (yᵢⱼ − a_cj)²) + logDet[c] + logWeights[c] from D (d×d, column
 * j the j-th axis) then p (k×d). The shared origin must already be in scratch (meanOfMeans).
 */
@inline
function densityPanel<T>(
  oriented: bool,
  workPtr: usize,
  first: i32,
  rows: i32,
  meansPtr: usize,
  factorPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const blockBytes = <usize>d * BLOCK_BYTES;
  const precisions = factorPtr + <usize>d * rowBytes; // oriented only
  applyFactorPanel<T>(oriented, workPtr, rows, factorPtr, d);
  const applied = shiftedAt(workPtr, d);
  const origin = originAt(workPtr, d);
  const a1 = lanesAt(workPtr, d); // Fᵀμ′ of the pair's first component
  const a2 = a1 + rowBytes; // and of its second
  const shifted = a2 + rowBytes; // μ′ while F is applied to it
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c += 2) {
    // An odd last component is paired with itself, and its copy's densities are not stored.
    const c2 = c + 1 < k ? c + 1 : c;
    applyFactorRow(oriented, a1, meansPtr + <usize>c * rowBytes, shifted, origin, factorPtr, d);
    applyFactorRow(oriented, a2, meansPtr + <usize>c2 * rowBytes, shifted, origin, factorPtr, d);
    const offset1 = constant + logDetOf(oriented, logDetPtr, c) + load<f64>(logWeightsPtr + (<usize>c << 3));
    const offset2 = constant + logDetOf(oriented, logDetPtr, c2) + load<f64>(logWeightsPtr + (<usize>c2 << 3));
    const p1 = oriented ? precisions + <usize>c * rowBytes : 0;
    const p2 = oriented ? precisions + <usize>c2 * rowBytes : 0;
    for (let b = 0; b < rows; b += BLOCK) {
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        const y = applied + <usize>(b / BLOCK) * blockBytes + laneOffset<T>(parity);
        const op = oriented ? WEIGHTED_SQUARE : SQUARE;
        pairDensities<T>(op, y, a1, a2, p1, p2, d, out, stride, parity, c2 != c, offset1, offset2, 0, 0, 0, 0, 0);
      }
    }
  }
}

/** The densities of rows from..n−1, one at a time, by the panel kernel's operations: the n % 8 tail. */
@inline
function densityRows(
  oriented: bool,
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  factorPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const precisions = factorPtr + <usize>d * rowBytes; // oriented only
  const point = panelAt(workPtr); // Fᵀx′ of the row
  const mean = point + rowBytes; // Fᵀμ′ of the component
  const shifted = mean + rowBytes; // x′ or μ′ while F is applied to it
  const origin = originAt(workPtr, d);
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let i = from; i < n; i++) {
    applyFactorRow(oriented, point, xPtr + <usize>i * rowBytes, shifted, origin, factorPtr, d);
    for (let c = 0; c < k; c++) {
      applyFactorRow(oriented, mean, meansPtr + <usize>c * rowBytes, shifted, origin, factorPtr, d);
      const p = precisions + <usize>c * rowBytes;
      let q = 0.0;
      for (let j = 0; j < d; j++) {
        const offset = <usize>j << 3;
        const e = load<f64>(point + offset) - load<f64>(mean + offset);
        q += oriented ? load<f64>(p + offset) * (e * e) : e * e;
      }
      const offset = constant + logDetOf(oriented, logDetPtr, c) + load<f64>(logWeightsPtr + (<usize>c << 3));
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}

// One instance of each kernel per family, called from the panel driver: the body above inlined
// twice, with `oriented` a constant in each, rather than into every pass that runs them.

/** The tied panel kernel: U (d×d) and one logDet. */
export function densityPanelTied<T>(
  workPtr: usize, first: i32, rows: i32, meansPtr: usize, factorPtr: usize, logDetPtr: usize,
  logWeightsPtr: usize, outPtr: usize, d: i32, k: i32,
): void {
  densityPanel<T>(false, workPtr, first, rows, meansPtr, factorPtr, logDetPtr, logWeightsPtr, outPtr, d, k);
}

/** The oriented panel kernel: D (d×d), p (k×d) and k logDets, from precisionOriented. */
export function densityPanelOriented<T>(
  workPtr: usize, first: i32, rows: i32, meansPtr: usize, factorPtr: usize, logDetPtr: usize,
  logWeightsPtr: usize, outPtr: usize, d: i32, k: i32,
): void {
  densityPanel<T>(true, workPtr, first, rows, meansPtr, factorPtr, logDetPtr, logWeightsPtr, outPtr, d, k);
}

/** The tied row kernel, for the n % 8 tail. */
export function densityRowsTied(
  xPtr: usize, from: i32, n: i32, meansPtr: usize, factorPtr: usize, logDetPtr: usize,
  logWeightsPtr: usize, outPtr: usize, workPtr: usize, d: i32, k: i32,
): void {
  densityRows(false, xPtr, from, n, meansPtr, factorPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, d, k);
}

/** The oriented row kernel, for the n % 8 tail. */
export function densityRowsOriented(
  xPtr: usize, from: i32, n: i32, meansPtr: usize, factorPtr: usize, logDetPtr: usize,
  logWeightsPtr: usize, outPtr: usize, workPtr: usize, d: i32, k: i32,
): void {
  densityRows(true, xPtr, from, n, meansPtr, factorPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, d, k);
}

/** Component c's log-determinant term: its own (oriented), or the one all share (tied). */
@inline
function logDetOf(oriented: bool, logDetPtr: usize, c: i32): f64 {
  return load<f64>(logDetPtr + (oriented ? <usize>c << 3 : 0));
}

/**
 * y = Fᵀ(x − z) for the panel's first `rows` points (a multiple of 8), block by block, into the
 * scratch's shifted blocks (shiftedAt): each block centred on the shared origin, which must already
 * be in scratch (meanOfMeans), then the factor applied to it.
 */
@inline
export function applyFactorPanel<T>(whole: bool, workPtr: usize, rows: i32, f: usize, d: i32): void {
  const rowBytes = <usize>d << 3;
  const blockBytes = <usize>d * BLOCK_BYTES;
  const panel = panelAt(workPtr);
  const centred = blockAt(workPtr, d);
  const target = shiftedAt(workPtr, d);
  const origin = originAt(workPtr, d);
  for (let b = 0; b < rows; b += BLOCK) {
    const block = <usize>(b / BLOCK) * blockBytes;
    for (let parity = 0; parity < passes<T>(); parity++) {
      const lane = laneOffset<T>(parity);
      centreLanes<T>(centred, panel + block, origin, d, lane);
      applyFactorBlock<T>(whole, centred + lane, f, rowBytes, target + block + lane, d);
    }
  }
}

/**
 * target[j·8 + lane] = Σ_t F_tj·e[t·8 + lane] for this pass's lanes of a centred block `e`, t in
 * order (t ≤ j unless `whole`): columns j and j + 1 of F together, so each centred feature loaded
 * once feeds both.
 */
@inline
export function applyFactorBlock<T>(whole: bool, e: usize, f: usize, rowBytes: usize, target: usize, d: i32): void {
  for (let j = 0; j < d; j += 2) {
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
    let entry = f + (<usize>j << 3);
    let source = e;
    const last = whole ? d - 1 : j;
    for (let t = 0; t <= last; t++) {
      const ftj = lanesSplat<T>(entry);
      const ftk = lanesSplat<T>(entry + next);
      const e0 = load<T>(source);
      const e1 = load<T>(source, 16);
      const e2 = load<T>(source, 32);
      const e3 = load<T>(source, 48);
      y0 = lanesAdd<T>(y0, lanesMul<T>(ftj, e0));
      y1 = lanesAdd<T>(y1, lanesMul<T>(ftj, e1));
      y2 = lanesAdd<T>(y2, lanesMul<T>(ftj, e2));
      y3 = lanesAdd<T>(y3, lanesMul<T>(ftj, e3));
      z0 = lanesAdd<T>(z0, lanesMul<T>(ftk, e0));
      z1 = lanesAdd<T>(z1, lanesMul<T>(ftk, e1));
      z2 = lanesAdd<T>(z2, lanesMul<T>(ftk, e2));
      z3 = lanesAdd<T>(z3, lanesMul<T>(ftk, e3));
      entry += rowBytes;
      source += BLOCK_BYTES;
    }
    const column = target + <usize>j * BLOCK_BYTES;
    store<T>(column, y0);
    store<T>(column, y1, 16);
    store<T>(column, y2, 32);
    store<T>(column, y3, 48);
    if (!pair) break;
    if (!whole) {
      // A triangular column j + 1 has one term more than column j: row j + 1.
      const ftk = lanesSplat<T>(entry + 8);
      z0 = lanesAdd<T>(z0, lanesMul<T>(ftk, load<T>(source)));
      z1 = lanesAdd<T>(z1, lanesMul<T>(ftk, load<T>(source, 16)));
      z2 = lanesAdd<T>(z2, lanesMul<T>(ftk, load<T>(source, 32)));
      z3 = lanesAdd<T>(z3, lanesMul<T>(ftk, load<T>(source, 48)));
    }
    store<T>(column + BLOCK_BYTES, z0);
    store<T>(column + BLOCK_BYTES, z1, 16);
    store<T>(column + BLOCK_BYTES, z2, 32);
    store<T>(column + BLOCK_BYTES, z3, 48);
  }
}

/**
 * target[j] = Σ_t F_tj·(source[t] − z[t]) for one row, t in order (t ≤ j unless `whole`): the
 * block's operations on one row; `shifted` holds d doubles.
 */
@inline
export function applyFactorRow(whole: bool, target: usize, source: usize, shifted: usize, originPtr: usize, f: usize, d: i32): void {
  for (let t = 0; t < d; t++) {
    const offset = <usize>t << 3;
    store<f64>(shifted + offset, load<f64>(source + offset) - load<f64>(originPtr + offset));
  }
  for (let j = 0; j < d; j++) {
    let y = 0.0;
    const last = whole ? d - 1 : j;
    for (let t = 0; t <= last; t++) y += load<f64>(f + ((<usize>t * d + j) << 3)) * load<f64>(shifted + (<usize>t << 3));
    store<f64>(target + (<usize>j << 3), y);
  }
}
