// A factor shared by every component, applied once per row: y = Fᵀ(x − z), with z the shared
// origin (origin.ts). Two kernels use it: the tied one, whose F is the upper-triangular U of the
// one precision (Σ⁻¹ = U·Uᵀ), and the oriented one (density-oriented.ts), whose F is the common
// orientation D of Σ_c = D·Λ_c·Dᵀ, a full orthogonal matrix. `whole` (a compile-time constant at
// every call site) says which: column j of a triangular F sums rows t ≤ j, of a whole one all d.
import { centreLanes } from './blocks';
import { laneOffset, lanesAdd, lanesMul, lanesSplat, lanesZero, passes } from './lanes';
import { BLOCK, BLOCK_BYTES, blockAt, originAt, panelAt, shiftedAt } from './scratch';

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
