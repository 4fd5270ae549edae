// Spherical log-densities as a product. With one precision p_c per component, the quadratic form
// p_c‖x − μ_c‖² expands into p_c((‖x′‖² + ‖μ′_c‖²) − 2·x′·μ′_c) with x′ = x − z and μ′_c = μ_c − z
// (z the shared origin, origin.ts): the squared lengths are computed once per point and per
// component, so each point and component costs one dot product, a multiplication and an addition
// per feature, where the direct form pays a subtraction and two multiplications besides. Components
// go in pairs, so that each shifted feature, loaded once, feeds both.
import { LOG_2PI } from './density';
import { laneOffset, lanesAdd, lanesMul, lanesSplat, lanesSub, lanesZero, passes, storeLaneDensities } from './lanes';
import { shiftPanel, shiftRow } from './origin';
import { BLOCK, BLOCK_BYTES, blockAt, normsAt, originAt, panelAt, shiftedAt } from './scratch';

/** p·((norm + s) − 2·dot): the quadratic form from its three terms, in one order everywhere. */
@inline
function productForm<T>(norm: T, s: T, p: T, dot: T): T {
  return lanesMul<T>(p, lanesSub<T>(lanesAdd<T>(norm, s), lanesAdd<T>(dot, dot)));
}

/** Stores one component's densities for this pass's lanes of a block from the block's dot products. */
@inline
function storeProducts<T>(out: usize, stride: usize, offset: f64, parity: i32, norms: usize, s: f64, p: f64, t0: T, t1: T, t2: T, t3: T): void {
  const sv = isVector<T>() ? <T>f64x2.splat(s) : <T>s;
  const pv = isVector<T>() ? <T>f64x2.splat(p) : <T>p;
  const q0 = productForm<T>(load<T>(norms), sv, pv, t0);
  const q1 = productForm<T>(load<T>(norms, 16), sv, pv, t1);
  const q2 = productForm<T>(load<T>(norms, 32), sv, pv, t2);
  const q3 = productForm<T>(load<T>(norms, 48), sv, pv, t3);
  storeLaneDensities<T>(out, stride, offset, parity, q0, q1, q2, q3);
}

/**
 * The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel, into
 * out[i·k + c] = −½(d·ln 2π + p_c‖xᵢ − μ_c‖²) + logDet[c] + logWeights[c]; the shared origin must
 * already be in scratch (meanOfMeans).
 */
export function densityPanelSpherical<T>(
  workPtr: usize,
  first: i32,
  rows: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const shifted = shiftedAt(workPtr, d);
  const norms = normsAt(workPtr, d);
  const origin = originAt(workPtr, d);
  const first1 = blockAt(workPtr, d); // μ′ of the pair's first component
  const second1 = first1 + rowBytes; // and of its second
  shiftPanel<T>(shifted, norms, panelAt(workPtr), origin, rows, d);
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c += 2) {
    // An odd last component is paired with itself, and its copy's densities are not stored.
    const c2 = c + 1 < k ? c + 1 : c;
    const s1 = shiftRow(first1, meansPtr + <usize>c * rowBytes, origin, d);
    const s2 = shiftRow(second1, meansPtr + <usize>c2 * rowBytes, origin, d);
    const p1 = load<f64>(precisionsPtr + (<usize>c << 3));
    const p2 = load<f64>(precisionsPtr + (<usize>c2 << 3));
    const offset1 = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    const offset2 = constant + load<f64>(logDetPtr + (<usize>c2 << 3)) + load<f64>(logWeightsPtr + (<usize>c2 << 3));
    for (let b = 0; b < rows; b += BLOCK) {
      const block = shifted + <usize>(b / BLOCK) * d * BLOCK_BYTES;
      const out = outPtr + ((<usize>(first + b) * k + c) << 3);
      for (let parity = 0; parity < passes<T>(); parity++) {
        const lane = laneOffset<T>(parity);
        let t0 = lanesZero<T>();
        let t1 = lanesZero<T>();
        let t2 = lanesZero<T>();
        let t3 = lanesZero<T>();
        let u0 = lanesZero<T>();
        let u1 = lanesZero<T>();
        let u2 = lanesZero<T>();
        let u3 = lanesZero<T>();
        let x = block + lane;
        let m1 = first1;
        let m2 = second1;
        for (let j = 0; j < d; j++) {
          const x0 = load<T>(x);
          const x1 = load<T>(x, 16);
          const x2 = load<T>(x, 32);
          const x3 = load<T>(x, 48);
          const a = lanesSplat<T>(m1);
          const e = lanesSplat<T>(m2);
          t0 = lanesAdd<T>(t0, lanesMul<T>(x0, a));
          t1 = lanesAdd<T>(t1, lanesMul<T>(x1, a));
          t2 = lanesAdd<T>(t2, lanesMul<T>(x2, a));
          t3 = lanesAdd<T>(t3, lanesMul<T>(x3, a));
          u0 = lanesAdd<T>(u0, lanesMul<T>(x0, e));
          u1 = lanesAdd<T>(u1, lanesMul<T>(x1, e));
          u2 = lanesAdd<T>(u2, lanesMul<T>(x2, e));
          u3 = lanesAdd<T>(u3, lanesMul<T>(x3, e));
          x += BLOCK_BYTES;
          m1 += 8;
          m2 += 8;
        }
        const norm = norms + (<usize>b << 3) + lane;
        storeProducts<T>(out, stride, offset1, parity, norm, s1, p1, t0, t1, t2, t3);
        if (c2 != c) storeProducts<T>(out + 8, stride, offset2, parity, norm, s2, p2, u0, u1, u2, u3);
      }
    }
  }
}

/** The densities of rows from..n−1, one at a time, by the panel kernel's operations: the n % 8 tail. */
export function densityRowsSpherical(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  d: i32,
  k: i32,
): void {
  const rowBytes = <usize>d << 3;
  const point = panelAt(workPtr); // x′ of the row
  const mean = blockAt(workPtr, d); // μ′ of the component
  const origin = originAt(workPtr, d);
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let i = from; i < n; i++) {
    const norm = shiftRow(point, xPtr + <usize>i * rowBytes, origin, d);
    for (let c = 0; c < k; c++) {
      const s = shiftRow(mean, meansPtr + <usize>c * rowBytes, origin, d);
      let dot = 0.0;
      for (let j = 0; j < d; j++) dot += load<f64>(point + (<usize>j << 3)) * load<f64>(mean + (<usize>j << 3));
      const q = productForm<f64>(norm, s, load<f64>(precisionsPtr + (<usize>c << 3)), dot);
      const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
