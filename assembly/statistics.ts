// M-step sufficient statistics, centred on fixed per-component points so that statistics of any
// two chunks of rows simply add (the EM driver sums them over chunks, and later over workers).
import { BLOCK, BLOCK_BYTES, centreBlock, gatherPair, hsum, PANEL_ROWS, transposePanel } from './simd';

/**
 * Adds to (does not reset) the statistics of rows x under responsibilities γ, centred on c_c:
 *   nk[c]             += Σᵢ γᵢ_c
 *   first[c·d + j]    += Σᵢ γᵢ_c (xᵢⱼ − c_cj)
 *   scatter[c·d·d + j·d + l] += Σᵢ γᵢ_c (xᵢⱼ − c_cj)(xᵢₗ − c_cl)   for l ≥ j (upper triangle only)
 *
 * xPtr       n×d    rows
 * respPtr    n×k    responsibilities
 * centersPtr k×d    centring points (the current means, so the sums stay small and accurate)
 * workPtr    138·d + 2·d·d  scratch: a transposed panel of rows, a centred block, per-lane sums
 *
 * SIMD across blocks of 8 points; the scatter lanes are reduced once per panel and component.
 */
export function accumulateFull(
  xPtr: usize,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  scatterPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  const blockEnd = ASC_FEATURE_SIMD ? n - (n % BLOCK) : 0;
  // The SIMD loop; a build without SIMD leaves every point to the scalar loop below.
  if (ASC_FEATURE_SIMD) {
    for (let first = 0; first < blockEnd; first += PANEL_ROWS) {
      const rows = min(PANEL_ROWS, blockEnd - first);
      transposePanel(workPtr, xPtr, first, rows, d);
      accumulatePanelFull(workPtr, first, rows, respPtr, centersPtr, nkPtr, firstPtr, scatterPtr, d, k);
    }
  }
  accumulateRowsFull(xPtr, blockEnd, n, respPtr, centersPtr, nkPtr, firstPtr, scatterPtr, workPtr, d, k);
}

/**
 * Adds the statistics of rows first..first+rows−1 (a multiple of 8) from their transposed panel.
 * workPtr holds the panel (128·d), then a centred block (8·d) and the lane sums (2·d·d + 2·d).
 */
export function accumulatePanelFull(
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
): void {
  const rowBytes = <usize>d << 3;
  const respRowBytes = <usize>k << 3;
  const panel = workPtr;
  const block = panel + <usize>PANEL_ROWS * rowBytes;
  const lanes = block + <usize>d * BLOCK_BYTES; // d×d f64x2 accumulators, upper triangle used
  const firstLanes = lanes + ((<usize>d * d) << 4); // d f64x2 accumulators of the first moments
  for (let c = 0; c < k; c++) {
    const center = centersPtr + <usize>c * rowBytes;
    const firstSums = firstPtr + <usize>c * rowBytes;
    memory.fill(lanes, 0, (<usize>d * d + d) << 4);
    let weightSum = f64x2.splat(0.0);
    for (let b = 0; b < rows; b += BLOCK) {
      centreBlock(block, panel + <usize>(b / BLOCK) * d * BLOCK_BYTES, center, d);
      const gamma = respPtr + ((<usize>(first + b) * k + c) << 3);
      const w0 = gatherPair(gamma, respRowBytes);
      const w1 = gatherPair(gamma + 2 * respRowBytes, respRowBytes);
      const w2 = gatherPair(gamma + 4 * respRowBytes, respRowBytes);
      const w3 = gatherPair(gamma + 6 * respRowBytes, respRowBytes);
      weightSum = f64x2.add(weightSum, f64x2.add(f64x2.add(w0, w1), f64x2.add(w2, w3)));
      // Rows j and j + 1 of the scatter together: each e_l loaded once feeds both.
      let j = 0;
      for (; j + 1 < d; j += 2) {
        const ej = block + <usize>j * BLOCK_BYTES;
        const ek = ej + BLOCK_BYTES;
        const wa0 = f64x2.mul(w0, v128.load(ej));
        const wa1 = f64x2.mul(w1, v128.load(ej, 16));
        const wa2 = f64x2.mul(w2, v128.load(ej, 32));
        const wa3 = f64x2.mul(w3, v128.load(ej, 48));
        const wb0 = f64x2.mul(w0, v128.load(ek));
        const wb1 = f64x2.mul(w1, v128.load(ek, 16));
        const wb2 = f64x2.mul(w2, v128.load(ek, 32));
        const wb3 = f64x2.mul(w3, v128.load(ek, 48));
        const firstLane = firstLanes + (<usize>j << 4);
        v128.store(firstLane, f64x2.add(v128.load(firstLane), f64x2.add(f64x2.add(wa0, wa1), f64x2.add(wa2, wa3))));
        v128.store(firstLane, f64x2.add(v128.load(firstLane, 16), f64x2.add(f64x2.add(wb0, wb1), f64x2.add(wb2, wb3))), 16);
        const diagonal = lanes + ((<usize>j * d + j) << 4);
        const own = f64x2.add(
          f64x2.add(f64x2.mul(wa0, v128.load(ej)), f64x2.mul(wa1, v128.load(ej, 16))),
          f64x2.add(f64x2.mul(wa2, v128.load(ej, 32)), f64x2.mul(wa3, v128.load(ej, 48))),
        );
        v128.store(diagonal, f64x2.add(v128.load(diagonal), own));
        let accA = diagonal + 16;
        let accB = lanes + ((<usize>(j + 1) * d + j + 1) << 4);
        let el = ek;
        for (let l = j + 1; l < d; l++) {
          const e0 = v128.load(el);
          const e1 = v128.load(el, 16);
          const e2 = v128.load(el, 32);
          const e3 = v128.load(el, 48);
          const a = f64x2.add(
            f64x2.add(f64x2.mul(wa0, e0), f64x2.mul(wa1, e1)),
            f64x2.add(f64x2.mul(wa2, e2), f64x2.mul(wa3, e3)),
          );
          const bb = f64x2.add(
            f64x2.add(f64x2.mul(wb0, e0), f64x2.mul(wb1, e1)),
            f64x2.add(f64x2.mul(wb2, e2), f64x2.mul(wb3, e3)),
          );
          v128.store(accA, f64x2.add(v128.load(accA), a));
          v128.store(accB, f64x2.add(v128.load(accB), bb));
          accA += 16;
          accB += 16;
          el += BLOCK_BYTES;
        }
      }
      if (j < d) {
        // The last row of an odd d: its diagonal cell alone.
        const ej = block + <usize>j * BLOCK_BYTES;
        const we0 = f64x2.mul(w0, v128.load(ej));
        const we1 = f64x2.mul(w1, v128.load(ej, 16));
        const we2 = f64x2.mul(w2, v128.load(ej, 32));
        const we3 = f64x2.mul(w3, v128.load(ej, 48));
        const firstLane = firstLanes + (<usize>j << 4);
        v128.store(firstLane, f64x2.add(v128.load(firstLane), f64x2.add(f64x2.add(we0, we1), f64x2.add(we2, we3))));
        const diagonal = lanes + ((<usize>j * d + j) << 4);
        const own = f64x2.add(
          f64x2.add(f64x2.mul(we0, v128.load(ej)), f64x2.mul(we1, v128.load(ej, 16))),
          f64x2.add(f64x2.mul(we2, v128.load(ej, 32)), f64x2.mul(we3, v128.load(ej, 48))),
        );
        v128.store(diagonal, f64x2.add(v128.load(diagonal), own));
      }
    }
    const nkCell = nkPtr + (<usize>c << 3);
    store<f64>(nkCell, load<f64>(nkCell) + hsum(weightSum));
    for (let j = 0; j < d; j++) {
      const firstCell = firstSums + (<usize>j << 3);
      store<f64>(firstCell, load<f64>(firstCell) + hsum(v128.load(firstLanes + (<usize>j << 4))));
    }
    const scatter = scatterPtr + <usize>c * d * rowBytes;
    for (let j = 0; j < d; j++) {
      for (let l = j; l < d; l++) {
        const cell = scatter + ((<usize>j * d + l) << 3);
        store<f64>(cell, load<f64>(cell) + hsum(v128.load(lanes + ((<usize>j * d + l) << 4))));
      }
    }
  }
}

/** Adds the statistics of rows from..n−1, one at a time: the scalar tail, and all rows without SIMD. */
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
