// Weighted Gaussian log-densities for full covariance, the E-step's first half:
// log N(xᵢ | μ_c, Σ_c) + log π_c = −½(d·ln 2π + ‖U_cᵀ(xᵢ − μ_c)‖²) + Σⱼ log U_c,jj + log π_c, with U_c
// the upper-triangular factor of the precision (U·Uᵀ = Σ⁻¹, from choleskyPrecisionFull). The panel
// driver (panels.ts) runs the panel kernel over blocks of 8 rows and the row kernel over the tail.
// Tied covariance, one U for all, has its own kernel (shared-factor.ts).
import { centreLanes } from './blocks';
import { laneOffset, lanesAdd, lanesMul, lanesSplat, lanesZero, passes, storeLaneDensities } from './lanes';
import { BLOCK, BLOCK_BYTES, blockAt, keptBlockAt, panelAt } from './scratch';

/** ln 2π, the constant of every Gaussian log-density. */
export const LOG_2PI: f64 = 1.8378770664093453;

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c]: yⱼ = Σ_{t≤j} U_tj·e_t with U_tj splatted and e the centred block, q = Σⱼ yⱼ².
 * U: one d×d factor and logDet per component. With keptPtr nonzero, every centred block is left
 * there (keptBlockAt) for accumulatePanelFull to read rather than centre again.
 */
export function densityPanelTriangular<T>(
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
  keptPtr: usize,
): void {
  const rowBytes = <usize>d << 3;
  const panel = panelAt(workPtr);
  const scratchBlock = blockAt(workPtr, d);
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const u = precCholPtr + <usize>c * d * rowBytes;
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let b = 0; b < rows; b += BLOCK) {
      const transposed = panel + <usize>(b / BLOCK) * d * BLOCK_BYTES;
      // Centred where the statistics will find it (keptBlockAt), or in the one scratch block.
      const block = keptPtr ? keptBlockAt(keptPtr, c, b, rows, d) : scratchBlock;
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        const lane = laneOffset<T>(parity);
        centreLanes<T>(block, transposed, mean, d, lane);
        triangularBlock<T>(block + lane, u, rowBytes, out, stride, offset, d, parity);
      }
    }
  }
}

/** One pass over a centred block (`e` at this pass's lane): the quadratic forms, stored as densities. */
@inline
function triangularBlock<T>(block: usize, u: usize, rowBytes: usize, out: usize, stride: usize, offset: f64, d: i32, parity: i32): void {
  let q0 = lanesZero<T>();
  let q1 = lanesZero<T>();
  let q2 = lanesZero<T>();
  let q3 = lanesZero<T>();
  // Columns j and j + 1 of U together: each centred feature loaded once feeds both sums. The order
  // of every addition is the row kernel's, so lanes and tail agree bit for bit.
  let j = 0;
  for (; j + 1 < d; j += 2) {
    let y0 = lanesZero<T>();
    let y1 = lanesZero<T>();
    let y2 = lanesZero<T>();
    let y3 = lanesZero<T>();
    let z0 = lanesZero<T>();
    let z1 = lanesZero<T>();
    let z2 = lanesZero<T>();
    let z3 = lanesZero<T>();
    let entry = u + (<usize>j << 3);
    let e = block;
    for (let t = 0; t <= j; t++) {
      const utj = lanesSplat<T>(entry);
      const utk = lanesSplat<T>(entry + 8);
      const e0 = load<T>(e);
      const e1 = load<T>(e, 16);
      const e2 = load<T>(e, 32);
      const e3 = load<T>(e, 48);
      y0 = lanesAdd<T>(y0, lanesMul<T>(utj, e0));
      y1 = lanesAdd<T>(y1, lanesMul<T>(utj, e1));
      y2 = lanesAdd<T>(y2, lanesMul<T>(utj, e2));
      y3 = lanesAdd<T>(y3, lanesMul<T>(utj, e3));
      z0 = lanesAdd<T>(z0, lanesMul<T>(utk, e0));
      z1 = lanesAdd<T>(z1, lanesMul<T>(utk, e1));
      z2 = lanesAdd<T>(z2, lanesMul<T>(utk, e2));
      z3 = lanesAdd<T>(z3, lanesMul<T>(utk, e3));
      entry += rowBytes;
      e += BLOCK_BYTES;
    }
    const utk = lanesSplat<T>(entry + 8);
    z0 = lanesAdd<T>(z0, lanesMul<T>(utk, load<T>(e)));
    z1 = lanesAdd<T>(z1, lanesMul<T>(utk, load<T>(e, 16)));
    z2 = lanesAdd<T>(z2, lanesMul<T>(utk, load<T>(e, 32)));
    z3 = lanesAdd<T>(z3, lanesMul<T>(utk, load<T>(e, 48)));
    q0 = lanesAdd<T>(lanesAdd<T>(q0, lanesMul<T>(y0, y0)), lanesMul<T>(z0, z0));
    q1 = lanesAdd<T>(lanesAdd<T>(q1, lanesMul<T>(y1, y1)), lanesMul<T>(z1, z1));
    q2 = lanesAdd<T>(lanesAdd<T>(q2, lanesMul<T>(y2, y2)), lanesMul<T>(z2, z2));
    q3 = lanesAdd<T>(lanesAdd<T>(q3, lanesMul<T>(y3, y3)), lanesMul<T>(z3, z3));
  }
  if (j < d) {
    // The last column of an odd d.
    let y0 = lanesZero<T>();
    let y1 = lanesZero<T>();
    let y2 = lanesZero<T>();
    let y3 = lanesZero<T>();
    let entry = u + (<usize>j << 3);
    let e = block;
    for (let t = 0; t <= j; t++) {
      const utj = lanesSplat<T>(entry);
      y0 = lanesAdd<T>(y0, lanesMul<T>(utj, load<T>(e)));
      y1 = lanesAdd<T>(y1, lanesMul<T>(utj, load<T>(e, 16)));
      y2 = lanesAdd<T>(y2, lanesMul<T>(utj, load<T>(e, 32)));
      y3 = lanesAdd<T>(y3, lanesMul<T>(utj, load<T>(e, 48)));
      entry += rowBytes;
      e += BLOCK_BYTES;
    }
    q0 = lanesAdd<T>(q0, lanesMul<T>(y0, y0));
    q1 = lanesAdd<T>(q1, lanesMul<T>(y1, y1));
    q2 = lanesAdd<T>(q2, lanesMul<T>(y2, y2));
    q3 = lanesAdd<T>(q3, lanesMul<T>(y3, y3));
  }
  storeLaneDensities<T>(out, stride, offset, parity, q0, q1, q2, q3);
}

/** The densities of rows from..n−1, one at a time: the n % 8 rows after the last block. */
export function densityRowsTriangular(
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
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const u = precCholPtr + <usize>c * d * rowBytes;
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let i = from; i < n; i++) {
      const row = xPtr + <usize>i * rowBytes;
      for (let t = 0; t < d; t++) {
        store<f64>(workPtr + (<usize>t << 3), load<f64>(row + (<usize>t << 3)) - load<f64>(mean + (<usize>t << 3)));
      }
      let q = 0.0;
      for (let j = 0; j < d; j++) {
        let y = 0.0;
        for (let t = 0; t <= j; t++) {
          y += load<f64>(u + ((<usize>t * d + j) << 3)) * load<f64>(workPtr + (<usize>t << 3));
        }
        q += y * y;
      }
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
