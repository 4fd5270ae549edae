// M-step sufficient statistics for full and tied covariance from f32 rows: the sums of
// ../statistics.ts (nk, first moments, upper triangle of the scatter, centred on c_c), with the
// centred values, the products and each lane's partial sums in single precision. Each lane sums
// its rows of one panel (16 blocks of 16, so 64 rows a lane) in f32; once per panel and component
// those sums are widened and added in f64 (sumLanes32) to the f64 statistics. nk is summed in f64
// from the f64 responsibilities, row by row.
import { centreLanes32, roundToF32 } from './blocks';
import { add32, gather32, laneOffset32, mul32, passes32, sumFour32, sumLanes32 } from './lanes';
import { BLOCK32, BLOCK32_BYTES, block32At, lanes32At, panel32At, params32At } from './scratch';

/** Adds the statistics of rows first..first+rows−1 (a multiple of 16) from their transposed panel. */
export function accumulatePanelFull32<T>(
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
  const panel = panel32At(workPtr);
  const block = block32At(workPtr, d);
  const center32 = params32At(workPtr, d);
  const lanes = lanes32At(workPtr, d); // d×d f32x4 cells, upper triangle used
  const firstLanes = lanes + ((<usize>d * d) << 4); // d cells: the first moments
  for (let c = 0; c < k; c++) {
    roundToF32(center32, centersPtr + <usize>c * rowBytes, d);
    memory.fill(lanes, 0, (<usize>d * d + d) << 4);
    for (let parity = 0; parity < passes32<T>(); parity++) {
      const lane = laneOffset32<T>(parity);
      for (let b = 0; b < rows; b += BLOCK32) {
        centreLanes32<T>(block, panel + <usize>(b / BLOCK32) * d * BLOCK32_BYTES, center32, d, lane);
        const gamma = respPtr + ((<usize>(first + b) * k + c) << 3);
        const w0 = gather32<T>(gamma, respRowBytes, parity);
        const w1 = gather32<T>(gamma + 4 * respRowBytes, respRowBytes, parity);
        const w2 = gather32<T>(gamma + 8 * respRowBytes, respRowBytes, parity);
        const w3 = gather32<T>(gamma + 12 * respRowBytes, respRowBytes, parity);
        scatterBlock32<T>(block + lane, lanes + lane, firstLanes + lane, d, w0, w1, w2, w3);
      }
    }
    addWeights(nkPtr, respPtr, first, rows, c, k);
    const firstSums = firstPtr + <usize>c * rowBytes;
    for (let j = 0; j < d; j++) {
      const firstCell = firstSums + (<usize>j << 3);
      store<f64>(firstCell, load<f64>(firstCell) + sumLanes32(firstLanes + (<usize>j << 4)));
    }
    const scatter = scatterPtr + <usize>c * d * rowBytes;
    for (let j = 0; j < d; j++) {
      for (let l = j; l < d; l++) {
        const cell = scatter + ((<usize>j * d + l) << 3);
        store<f64>(cell, load<f64>(cell) + sumLanes32(lanes + ((<usize>j * d + l) << 4)));
      }
    }
  }
}

/** nk[c] += Σ γᵢ_c over the panel's rows, in f64 and in row order. */
@inline
export function addWeights(nkPtr: usize, respPtr: usize, first: i32, rows: i32, c: i32, k: i32): void {
  let weight = 0.0;
  for (let r = 0; r < rows; r++) weight += load<f64>(respPtr + ((<usize>(first + r) * k + c) << 3));
  const nkCell = nkPtr + (<usize>c << 3);
  store<f64>(nkCell, load<f64>(nkCell) + weight);
}

/** Adds one centred block's weighted first moments and products to this pass's f32 lane sums. */
@inline
function scatterBlock32<T>(block: usize, lanes: usize, firstLanes: usize, d: i32, w0: T, w1: T, w2: T, w3: T): void {
  // Rows j and j + 1 of the scatter together: each e_l loaded once feeds both.
  let j = 0;
  for (; j + 1 < d; j += 2) {
    const ej = block + <usize>j * BLOCK32_BYTES;
    const ek = ej + BLOCK32_BYTES;
    const wa0 = mul32<T>(w0, load<T>(ej));
    const wa1 = mul32<T>(w1, load<T>(ej, 16));
    const wa2 = mul32<T>(w2, load<T>(ej, 32));
    const wa3 = mul32<T>(w3, load<T>(ej, 48));
    const wb0 = mul32<T>(w0, load<T>(ek));
    const wb1 = mul32<T>(w1, load<T>(ek, 16));
    const wb2 = mul32<T>(w2, load<T>(ek, 32));
    const wb3 = mul32<T>(w3, load<T>(ek, 48));
    const firstLane = firstLanes + (<usize>j << 4);
    store<T>(firstLane, add32<T>(load<T>(firstLane), sumFour32<T>(wa0, wa1, wa2, wa3)));
    store<T>(firstLane, add32<T>(load<T>(firstLane, 16), sumFour32<T>(wb0, wb1, wb2, wb3)), 16);
    const diagonal = lanes + ((<usize>j * d + j) << 4);
    const own = sumFour32<T>(
      mul32<T>(wa0, load<T>(ej)),
      mul32<T>(wa1, load<T>(ej, 16)),
      mul32<T>(wa2, load<T>(ej, 32)),
      mul32<T>(wa3, load<T>(ej, 48)),
    );
    store<T>(diagonal, add32<T>(load<T>(diagonal), own));
    let accA = diagonal + 16;
    let accB = lanes + ((<usize>(j + 1) * d + j + 1) << 4);
    let el = ek;
    for (let l = j + 1; l < d; l++) {
      const e0 = load<T>(el);
      const e1 = load<T>(el, 16);
      const e2 = load<T>(el, 32);
      const e3 = load<T>(el, 48);
      const a = sumFour32<T>(mul32<T>(wa0, e0), mul32<T>(wa1, e1), mul32<T>(wa2, e2), mul32<T>(wa3, e3));
      const bb = sumFour32<T>(mul32<T>(wb0, e0), mul32<T>(wb1, e1), mul32<T>(wb2, e2), mul32<T>(wb3, e3));
      store<T>(accA, add32<T>(load<T>(accA), a));
      store<T>(accB, add32<T>(load<T>(accB), bb));
      accA += 16;
      accB += 16;
      el += BLOCK32_BYTES;
    }
  }
  if (j < d) {
    // The last row of an odd d: its diagonal cell alone.
    const ej = block + <usize>j * BLOCK32_BYTES;
    const we0 = mul32<T>(w0, load<T>(ej));
    const we1 = mul32<T>(w1, load<T>(ej, 16));
    const we2 = mul32<T>(w2, load<T>(ej, 32));
    const we3 = mul32<T>(w3, load<T>(ej, 48));
    const firstLane = firstLanes + (<usize>j << 4);
    store<T>(firstLane, add32<T>(load<T>(firstLane), sumFour32<T>(we0, we1, we2, we3)));
    const diagonal = lanes + ((<usize>j * d + j) << 4);
    const own = sumFour32<T>(
      mul32<T>(we0, load<T>(ej)),
      mul32<T>(we1, load<T>(ej, 16)),
      mul32<T>(we2, load<T>(ej, 32)),
      mul32<T>(we3, load<T>(ej, 48)),
    );
    store<T>(diagonal, add32<T>(load<T>(diagonal), own));
  }
}

/**
 * Adds the statistics of rows from..n−1 (f32 rows), one at a time: the n % 16 rows after the last
 * block. Each row's products are formed in f32 and added to the f64 sums directly.
 */
export function accumulateRowsFull32(
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
  const centred = block32At(workPtr, d);
  const center32 = params32At(workPtr, d);
  for (let c = 0; c < k; c++) {
    roundToF32(center32, centersPtr + <usize>c * rowBytes, d);
    const firstSums = firstPtr + <usize>c * rowBytes;
    const scatter = scatterPtr + <usize>c * d * rowBytes;
    for (let i = from; i < n; i++) {
      const row = xPtr + ((<usize>i * d) << 2);
      const w = <f32>load<f64>(respPtr + ((<usize>i * k + c) << 3));
      for (let j = 0; j < d; j++) {
        const at = <usize>j << 2;
        store<f32>(centred + at, load<f32>(row + at) - load<f32>(center32 + at));
      }
      for (let j = 0; j < d; j++) {
        const we = w * load<f32>(centred + (<usize>j << 2));
        const firstCell = firstSums + (<usize>j << 3);
        store<f64>(firstCell, load<f64>(firstCell) + <f64>we);
        for (let l = j; l < d; l++) {
          const cell = scatter + ((<usize>j * d + l) << 3);
          store<f64>(cell, load<f64>(cell) + <f64>(we * load<f32>(centred + (<usize>l << 2))));
        }
      }
    }
    addWeights(nkPtr, respPtr, from, n - from, c, k);
  }
}
