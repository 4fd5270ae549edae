// M-step sufficient statistics for diagonal and spherical covariance from f32 rows: ../statistics-diagonal.ts's
// nk, first moments and squares, with the centred values, products and each lane's partial sums of
// one panel in f32, widened and added in f64 once per panel and component (sumLanes32), as the
// full kernel does (./statistics.ts).
import { roundToF32 } from './blocks';
import { add32, gather32, laneOffset32, mul32, passes32, splat32, sub32, sumFour32, sumLanes32 } from './lanes';
import { BLOCK32, BLOCK32_BYTES, lanes32At, panel32At, params32At } from './scratch';
import { addWeights } from './statistics';

/** Adds the statistics of rows start..start+rows−1 (a multiple of 16) from their transposed panel. */
export function accumulatePanelDiag32<T>(
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
  const panel = panel32At(workPtr);
  const center32 = params32At(workPtr, d);
  const firstLanes = lanes32At(workPtr, d); // d cells: the first moments
  const squareLanes = firstLanes + (<usize>d << 4); // d cells: the squares
  for (let c = 0; c < k; c++) {
    roundToF32(center32, centersPtr + <usize>c * rowBytes, d);
    memory.fill(firstLanes, 0, <usize>d << 5);
    for (let parity = 0; parity < passes32<T>(); parity++) {
      const lane = laneOffset32<T>(parity);
      for (let b = 0; b < rows; b += BLOCK32) {
        const gamma = respPtr + ((<usize>(start + b) * k + c) << 3);
        const w0 = gather32<T>(gamma, respRowBytes, parity);
        const w1 = gather32<T>(gamma + 4 * respRowBytes, respRowBytes, parity);
        const w2 = gather32<T>(gamma + 8 * respRowBytes, respRowBytes, parity);
        const w3 = gather32<T>(gamma + 12 * respRowBytes, respRowBytes, parity);
        // Each feature is used once, so it is centred in registers rather than through a stored block.
        const transposed = panel + <usize>(b / BLOCK32) * d * BLOCK32_BYTES + lane;
        for (let j = 0; j < d; j++) {
          const xj = transposed + <usize>j * BLOCK32_BYTES;
          const cj = splat32<T>(center32 + (<usize>j << 2));
          const e0 = sub32<T>(load<T>(xj), cj);
          const e1 = sub32<T>(load<T>(xj, 16), cj);
          const e2 = sub32<T>(load<T>(xj, 32), cj);
          const e3 = sub32<T>(load<T>(xj, 48), cj);
          const we0 = mul32<T>(w0, e0);
          const we1 = mul32<T>(w1, e1);
          const we2 = mul32<T>(w2, e2);
          const we3 = mul32<T>(w3, e3);
          const firstLane = firstLanes + (<usize>j << 4) + lane;
          const squareLane = squareLanes + (<usize>j << 4) + lane;
          store<T>(firstLane, add32<T>(load<T>(firstLane), sumFour32<T>(we0, we1, we2, we3)));
          const products = sumFour32<T>(mul32<T>(we0, e0), mul32<T>(we1, e1), mul32<T>(we2, e2), mul32<T>(we3, e3));
          store<T>(squareLane, add32<T>(load<T>(squareLane), products));
        }
      }
    }
    addWeights(nkPtr, respPtr, start, rows, c, k);
    const first = firstPtr + <usize>c * rowBytes;
    const squares = squaresPtr + <usize>c * rowBytes;
    for (let j = 0; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(first + offset, load<f64>(first + offset) + sumLanes32(firstLanes + (<usize>j << 4)));
      store<f64>(squares + offset, load<f64>(squares + offset) + sumLanes32(squareLanes + (<usize>j << 4)));
    }
  }
}

/** Adds the statistics of rows from..n−1 (f32 rows), one at a time: the n % 16 rows after the last block. */
export function accumulateRowsDiag32(
  xPtr: usize,
  from: i32,
  n: i32,
  respPtr: usize,
  centersPtr: usize,
  nkPtr: usize,
  firstPtr: usize,
  squaresPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const center32 = params32At(workPtr, d);
  for (let c = 0; c < k; c++) {
    roundToF32(center32, centersPtr + <usize>c * rowBytes, d);
    const first = firstPtr + <usize>c * rowBytes;
    const squares = squaresPtr + <usize>c * rowBytes;
    for (let i = from; i < n; i++) {
      const row = xPtr + ((<usize>i * d) << 2);
      const w = <f32>load<f64>(respPtr + ((<usize>i * k + c) << 3));
      for (let j = 0; j < d; j++) {
        const offset = <usize>j << 3;
        const e = load<f32>(row + (<usize>j << 2)) - load<f32>(center32 + (<usize>j << 2));
        const we = w * e;
        store<f64>(first + offset, load<f64>(first + offset) + <f64>we);
        store<f64>(squares + offset, load<f64>(squares + offset) + <f64>(we * e));
      }
    }
    addWeights(nkPtr, respPtr, from, n - from, c, k);
  }
}
