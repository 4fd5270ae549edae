// M-step sufficient statistics for full and tied covariance, centred on fixed per-component points
// so that statistics of any two chunks of rows simply add (the EM driver sums them over chunks, and
// later over workers). For rows x under responsibilities γ, centred on c_c, each call adds
//   nk[c]                    += Σᵢ γᵢ_c
//   first[c·d + j]           += Σᵢ γᵢ_c (xᵢⱼ − c_cj)
//   scatter[c·d·d + j·d + l] += Σᵢ γᵢ_c (xᵢⱼ − c_cj)(xᵢₗ − c_cl)   for l ≥ j (upper triangle only)
// The panel driver (panels.ts) runs the panel kernel over blocks of 8 rows and the row kernel over
// the tail.
import { centreLanes, sumFour } from './blocks';
import { laneOffset, lanesAdd, lanesGather, lanesMul, lanesZero, passes, sumLanes } from './lanes';
import { BLOCK, BLOCK_BYTES, blockAt, keptBlockAt, lanesAt, panelAt } from './scratch';

/**
 * Adds the statistics of rows first..first+rows−1 (a multiple of 8) from their transposed panel.
 * Each lane keeps its own sums over the panel's blocks (the lane sums of scratch.ts); they are
 * reduced, lane 0 + lane 1, once per panel and component. With keptPtr nonzero the blocks are read
 * as densityPanelTriangular left them there, centred on these same centres (the fused E-step).
 */
export function accumulatePanelFull<T>(
  workPtr: usize,
  first: i32,
  rows: i32,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  scatterPtr: usize,
  d: i32,
  k: i32,
  keptPtr: usize,
): void {
  const rowBytes = <usize>d << 3;
  const respRowBytes = <usize>k << 3;
  const panel = panelAt(workPtr);
  const scratchBlock = blockAt(workPtr, d);
  const lanes = lanesAt(workPtr, d); // d×d accumulator pairs, upper triangle used
  const firstLanes = lanes + ((<usize>d * d) << 4); // d pairs: the first moments
  const weightLanes = firstLanes + (<usize>d << 4); // one pair: the weight
  for (let c = 0; c < k; c++) {
    const center = centersPtr + <usize>c * rowBytes;
    memory.fill(lanes, 0, (<usize>d * d + d) << 4);
    for (let parity = 0; parity < passes<T>(); parity++) {
      const lane = laneOffset<T>(parity);
      let weightSum = lanesZero<T>();
      for (let b = 0; b < rows; b += BLOCK) {
        // The block the densities centred on the same means, or centred here.
        let block = scratchBlock;
        if (keptPtr) block = keptBlockAt(keptPtr, c, b, rows, d);
        else centreLanes<T>(block, panel + <usize>(b / BLOCK) * d * BLOCK_BYTES, center, d, lane);
        const gamma = respPtr + ((<usize>(first + b) * k + c) << 3);
        const w0 = lanesGather<T>(gamma, respRowBytes, parity);
        const w1 = lanesGather<T>(gamma + 2 * respRowBytes, respRowBytes, parity);
        const w2 = lanesGather<T>(gamma + 4 * respRowBytes, respRowBytes, parity);
        const w3 = lanesGather<T>(gamma + 6 * respRowBytes, respRowBytes, parity);
        weightSum = lanesAdd<T>(weightSum, sumFour<T>(w0, w1, w2, w3));
        scatterBlock<T>(block + lane, lanes + lane, firstLanes + lane, d, w0, w1, w2, w3);
      }
      store<T>(weightLanes + lane, weightSum);
    }
    const nkCell = nkPtr + (<usize>c << 3);
    store<f64>(nkCell, load<f64>(nkCell) + sumLanes(weightLanes));
    const firstSums = firstPtr + <usize>c * rowBytes;
    for (let j = 0; j < d; j++) {
      const firstCell = firstSums + (<usize>j << 3);
      store<f64>(firstCell, load<f64>(firstCell) + sumLanes(firstLanes + (<usize>j << 4)));
    }
    const scatter = scatterPtr + <usize>c * d * rowBytes;
    for (let j = 0; j < d; j++) {
      for (let l = j; l < d; l++) {
        const cell = scatter + ((<usize>j * d + l) << 3);
        store<f64>(cell, load<f64>(cell) + sumLanes(lanes + ((<usize>j * d + l) << 4)));
      }
    }
  }
}

/**
 * Adds one centred block's weighted first moments and products to this pass's lane sums (block,
 * lanes and firstLanes already offset to its lane); w0..w3 are the block's responsibilities.
 */
@inline
function scatterBlock<T>(block: usize, lanes: usize, firstLanes: usize, d: i32, w0: T, w1: T, w2: T, w3: T): void {
  // Rows j and j + 1 of the scatter together: each e_l loaded once feeds both.
  let j = 0;
  for (; j + 1 < d; j += 2) {
    const ej = block + <usize>j * BLOCK_BYTES;
    const ek = ej + BLOCK_BYTES;
    const wa0 = lanesMul<T>(w0, load<T>(ej));
    const wa1 = lanesMul<T>(w1, load<T>(ej, 16));
    const wa2 = lanesMul<T>(w2, load<T>(ej, 32));
    const wa3 = lanesMul<T>(w3, load<T>(ej, 48));
    const wb0 = lanesMul<T>(w0, load<T>(ek));
    const wb1 = lanesMul<T>(w1, load<T>(ek, 16));
    const wb2 = lanesMul<T>(w2, load<T>(ek, 32));
    const wb3 = lanesMul<T>(w3, load<T>(ek, 48));
    const firstLane = firstLanes + (<usize>j << 4);
    store<T>(firstLane, lanesAdd<T>(load<T>(firstLane), sumFour<T>(wa0, wa1, wa2, wa3)));
    store<T>(firstLane, lanesAdd<T>(load<T>(firstLane, 16), sumFour<T>(wb0, wb1, wb2, wb3)), 16);
    const diagonal = lanes + ((<usize>j * d + j) << 4);
    const own = sumFour<T>(
      lanesMul<T>(wa0, load<T>(ej)),
      lanesMul<T>(wa1, load<T>(ej, 16)),
      lanesMul<T>(wa2, load<T>(ej, 32)),
      lanesMul<T>(wa3, load<T>(ej, 48)),
    );
    store<T>(diagonal, lanesAdd<T>(load<T>(diagonal), own));
    let accA = diagonal + 16;
    let accB = lanes + ((<usize>(j + 1) * d + j + 1) << 4);
    let el = ek;
    for (let l = j + 1; l < d; l++) {
      const e0 = load<T>(el);
      const e1 = load<T>(el, 16);
      const e2 = load<T>(el, 32);
      const e3 = load<T>(el, 48);
      const a = sumFour<T>(lanesMul<T>(wa0, e0), lanesMul<T>(wa1, e1), lanesMul<T>(wa2, e2), lanesMul<T>(wa3, e3));
      const bb = sumFour<T>(lanesMul<T>(wb0, e0), lanesMul<T>(wb1, e1), lanesMul<T>(wb2, e2), lanesMul<T>(wb3, e3));
      store<T>(accA, lanesAdd<T>(load<T>(accA), a));
      store<T>(accB, lanesAdd<T>(load<T>(accB), bb));
      accA += 16;
      accB += 16;
      el += BLOCK_BYTES;
    }
  }
  if (j < d) {
    // The last row of an odd d: its diagonal cell alone.
    const ej = block + <usize>j * BLOCK_BYTES;
    const we0 = lanesMul<T>(w0, load<T>(ej));
    const we1 = lanesMul<T>(w1, load<T>(ej, 16));
    const we2 = lanesMul<T>(w2, load<T>(ej, 32));
    const we3 = lanesMul<T>(w3, load<T>(ej, 48));
    const firstLane = firstLanes + (<usize>j << 4);
    store<T>(firstLane, lanesAdd<T>(load<T>(firstLane), sumFour<T>(we0, we1, we2, we3)));
    const diagonal = lanes + ((<usize>j * d + j) << 4);
    const own = sumFour<T>(
      lanesMul<T>(we0, load<T>(ej)),
      lanesMul<T>(we1, load<T>(ej, 16)),
      lanesMul<T>(we2, load<T>(ej, 32)),
      lanesMul<T>(we3, load<T>(ej, 48)),
    );
    store<T>(diagonal, lanesAdd<T>(load<T>(diagonal), own));
  }
}

/** Adds the statistics of rows from..n−1, one at a time: the n % 8 rows after the last block. */
export function accumulateRowsFull(
  xPtr: usize,
  from: i32,
  n: i32,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  scatterPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const block = workPtr;
  for (let c = 0; c < k; c++) {
    const center = centersPtr + <usize>c * rowBytes;
    const firstSums = firstPtr + <usize>c * rowBytes;
    const scatter = scatterPtr + <usize>c * d * rowBytes;
    let nk = 0.0;
    for (let i = from; i < n; i++) {
      const row = xPtr + <usize>i * rowBytes;
      const w = load<f64>(respPtr + ((<usize>i * k + c) << 3));
      nk += w;
      for (let j = 0; j < d; j++) {
        store<f64>(block + (<usize>j << 3), load<f64>(row + (<usize>j << 3)) - load<f64>(center + (<usize>j << 3)));
      }
      for (let j = 0; j < d; j++) {
        const we = w * load<f64>(block + (<usize>j << 3));
        const firstCell = firstSums + (<usize>j << 3);
        store<f64>(firstCell, load<f64>(firstCell) + we);
        for (let l = j; l < d; l++) {
          const cell = scatter + ((<usize>j * d + l) << 3);
          store<f64>(cell, load<f64>(cell) + we * load<f64>(block + (<usize>l << 3)));
        }
      }
    }
    const nkCell = nkPtr + (<usize>c << 3);
    store<f64>(nkCell, load<f64>(nkCell) + nk);
  }
}
