// M-step sufficient statistics for diagonal and spherical covariance: only the squares of each
// feature are needed, not the cross products. Centred and additive like accumulateFull.
import { BLOCK, BLOCK_BYTES, gatherPair, hsum, PANEL_ROWS, transposePanel } from './simd';

/**
 * Adds to (does not reset) the statistics of rows x under responsibilities γ, centred on c_c:
 *   nk[c]          += Σᵢ γᵢ_c
 *   first[c·d + j] += Σᵢ γᵢ_c (xᵢⱼ − c_cj)
 *   squares[c·d + j] += Σᵢ γᵢ_c (xᵢⱼ − c_cj)²
 *
 * xPtr       n×d  rows
 * respPtr    n×k  responsibilities
 * centersPtr k×d  centring points
 * workPtr    132·d scratch: a transposed panel of rows, then per-lane accumulators
 *
 * SIMD across blocks of 8 points; lanes are reduced once per panel and component, not per block.
 */
export function accumulateDiag(
  xPtr: usize,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  squaresPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  const blockEnd = ASC_FEATURE_SIMD ? n - (n % BLOCK) : 0;
  // The SIMD loop; a build without SIMD leaves every point to the scalar loop below.
  if (ASC_FEATURE_SIMD) {
    for (let start = 0; start < blockEnd; start += PANEL_ROWS) {
      const rows = min(PANEL_ROWS, blockEnd - start);
      transposePanel(workPtr, xPtr, start, rows, d);
      accumulatePanelDiag(workPtr, start, rows, respPtr, centersPtr, nkPtr, firstPtr, squaresPtr, d, k);
    }
  }
  accumulateRowsDiag(xPtr, blockEnd, n, respPtr, centersPtr, nkPtr, firstPtr, squaresPtr, d, k);
}

/**
 * Adds the statistics of rows start..start+rows−1 (a multiple of 8) from their transposed panel.
 * workPtr holds the panel (128·d), then the lane sums (4·d).
 */
export function accumulatePanelDiag(
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
  const panel = workPtr;
  const firstLanes = panel + <usize>PANEL_ROWS * rowBytes;
  const squareLanes = firstLanes + (<usize>d << 4);
  for (let c = 0; c < k; c++) {
    const center = centersPtr + <usize>c * rowBytes;
    memory.fill(firstLanes, 0, <usize>d << 5);
    let weightSum = f64x2.splat(0.0);
    for (let b = 0; b < rows; b += BLOCK) {
      const gamma = respPtr + ((<usize>(start + b) * k + c) << 3);
      const w0 = gatherPair(gamma, respRowBytes);
      const w1 = gatherPair(gamma + 2 * respRowBytes, respRowBytes);
      const w2 = gatherPair(gamma + 4 * respRowBytes, respRowBytes);
      const w3 = gatherPair(gamma + 6 * respRowBytes, respRowBytes);
      weightSum = f64x2.add(weightSum, f64x2.add(f64x2.add(w0, w1), f64x2.add(w2, w3)));
      // Each feature is used once, so it is centred in registers rather than through a stored block.
      const transposed = panel + <usize>(b / BLOCK) * d * BLOCK_BYTES;
      for (let j = 0; j < d; j++) {
        const xj = transposed + <usize>j * BLOCK_BYTES;
        const cj = v128.load64_splat(center + (<usize>j << 3));
        const e0 = f64x2.sub(v128.load(xj), cj);
        const e1 = f64x2.sub(v128.load(xj, 16), cj);
        const e2 = f64x2.sub(v128.load(xj, 32), cj);
        const e3 = f64x2.sub(v128.load(xj, 48), cj);
        const we0 = f64x2.mul(w0, e0);
        const we1 = f64x2.mul(w1, e1);
        const we2 = f64x2.mul(w2, e2);
        const we3 = f64x2.mul(w3, e3);
        const firstLane = firstLanes + (<usize>j << 4);
        const squareLane = squareLanes + (<usize>j << 4);
        v128.store(firstLane, f64x2.add(v128.load(firstLane), f64x2.add(f64x2.add(we0, we1), f64x2.add(we2, we3))));
        const products = f64x2.add(
          f64x2.add(f64x2.mul(we0, e0), f64x2.mul(we1, e1)),
          f64x2.add(f64x2.mul(we2, e2), f64x2.mul(we3, e3)),
        );
        v128.store(squareLane, f64x2.add(v128.load(squareLane), products));
      }
    }
    const nkCell = nkPtr + (<usize>c << 3);
    store<f64>(nkCell, load<f64>(nkCell) + hsum(weightSum));
    const first = firstPtr + <usize>c * rowBytes;
    const squares = squaresPtr + <usize>c * rowBytes;
    for (let j = 0; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(first + offset, load<f64>(first + offset) + hsum(v128.load(firstLanes + (<usize>j << 4))));
      store<f64>(squares + offset, load<f64>(squares + offset) + hsum(v128.load(squareLanes + (<usize>j << 4))));
    }
  }
}

/** Adds the statistics of rows from..n−1, one at a time: the scalar tail, and all rows without SIMD. */
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
