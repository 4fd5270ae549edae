// M-step sufficient statistics for diagonal and spherical covariance: only the squares of each
// feature are needed, not the cross products. Centred and additive like the full ones: each call adds
//   nk[c]            += Σᵢ γᵢ_c
//   first[c·d + j]   += Σᵢ γᵢ_c (xᵢⱼ − c_cj)
//   squares[c·d + j] += Σᵢ γᵢ_c (xᵢⱼ − c_cj)²
import { sumFour } from './blocks';
import { laneOffset, lanesAdd, lanesGather, lanesMul, lanesSplat, lanesSub, lanesZero, passes, sumLanes } from './lanes';
import { BLOCK, BLOCK_BYTES, lanesAt, panelAt } from './scratch';

/**
 * Adds the statistics of rows start..start+rows−1 (a multiple of 8) from their transposed panel.
 * Each lane keeps its own sums over the panel's blocks; they are reduced, lane 0 + lane 1, once per
 * panel and component.
 */
export function accumulatePanelDiag<T>(
  workPtr: usize,
  start: i32,
  rows: i32,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  squaresPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const respRowBytes = <usize>k << 3;
  const panel = panelAt(workPtr);
  const firstLanes = lanesAt(workPtr, d); // d pairs: the first moments
  const squareLanes = firstLanes + (<usize>d << 4); // d pairs: the squares
  const weightLanes = squareLanes + (<usize>d << 4); // one pair: the weight
  for (let c = 0; c < k; c++) {
    const center = centersPtr + <usize>c * rowBytes;
    memory.fill(firstLanes, 0, <usize>d << 5);
    for (let parity = 0; parity < passes<T>(); parity++) {
      const lane = laneOffset<T>(parity);
      let weightSum = lanesZero<T>();
      for (let b = 0; b < rows; b += BLOCK) {
        const gamma = respPtr + ((<usize>(start + b) * k + c) << 3);
        const w0 = lanesGather<T>(gamma, respRowBytes, parity);
        const w1 = lanesGather<T>(gamma + 2 * respRowBytes, respRowBytes, parity);
        const w2 = lanesGather<T>(gamma + 4 * respRowBytes, respRowBytes, parity);
        const w3 = lanesGather<T>(gamma + 6 * respRowBytes, respRowBytes, parity);
        weightSum = lanesAdd<T>(weightSum, sumFour<T>(w0, w1, w2, w3));
        // Each feature is used once, so it is centred in registers rather than through a stored block.
        const transposed = panel + <usize>(b / BLOCK) * d * BLOCK_BYTES + lane;
        for (let j = 0; j < d; j++) {
          const xj = transposed + <usize>j * BLOCK_BYTES;
          const cj = lanesSplat<T>(center + (<usize>j << 3));
          const e0 = lanesSub<T>(load<T>(xj), cj);
          const e1 = lanesSub<T>(load<T>(xj, 16), cj);
          const e2 = lanesSub<T>(load<T>(xj, 32), cj);
          const e3 = lanesSub<T>(load<T>(xj, 48), cj);
          const we0 = lanesMul<T>(w0, e0);
          const we1 = lanesMul<T>(w1, e1);
          const we2 = lanesMul<T>(w2, e2);
          const we3 = lanesMul<T>(w3, e3);
          const firstLane = firstLanes + (<usize>j << 4) + lane;
          const squareLane = squareLanes + (<usize>j << 4) + lane;
          store<T>(firstLane, lanesAdd<T>(load<T>(firstLane), sumFour<T>(we0, we1, we2, we3)));
          const products = sumFour<T>(lanesMul<T>(we0, e0), lanesMul<T>(we1, e1), lanesMul<T>(we2, e2), lanesMul<T>(we3, e3));
          store<T>(squareLane, lanesAdd<T>(load<T>(squareLane), products));
        }
      }
      store<T>(weightLanes + lane, weightSum);
    }
    const nkCell = nkPtr + (<usize>c << 3);
    store<f64>(nkCell, load<f64>(nkCell) + sumLanes(weightLanes));
    const first = firstPtr + <usize>c * rowBytes;
    const squares = squaresPtr + <usize>c * rowBytes;
    for (let j = 0; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(first + offset, load<f64>(first + offset) + sumLanes(firstLanes + (<usize>j << 4)));
      store<f64>(squares + offset, load<f64>(squares + offset) + sumLanes(squareLanes + (<usize>j << 4)));
    }
  }
}

/** Adds the statistics of rows from..n−1, one at a time: the n % 8 rows after the last block. */
export function accumulateRowsDiag(
  xPtr: usize,
  from: i32,
  n: i32,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  squaresPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  for (let c = 0; c < k; c++) {
    const center = centersPtr + <usize>c * rowBytes;
    const first = firstPtr + <usize>c * rowBytes;
    const squares = squaresPtr + <usize>c * rowBytes;
    let nk = 0.0;
    for (let i = from; i < n; i++) {
      const row = xPtr + <usize>i * rowBytes;
      const w = load<f64>(respPtr + ((<usize>i * k + c) << 3));
      nk += w;
      for (let j = 0; j < d; j++) {
        const offset = <usize>j << 3;
        const e = load<f64>(row + offset) - load<f64>(center + offset);
        const we = w * e;
        store<f64>(first + offset, load<f64>(first + offset) + we);
        store<f64>(squares + offset, load<f64>(squares + offset) + we * e);
      }
    }
    const nkCell = nkPtr + (<usize>c << 3);
    store<f64>(nkCell, load<f64>(nkCell) + nk);
  }
}
