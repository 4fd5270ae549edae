// Weighted Gaussian log-densities for diagonal and spherical covariance, where the quadratic form
// is a weighted sum of squares: no triangular factor, O(d) per point and component.
import { BLOCK, BLOCK_BYTES, PANEL_ROWS, storeBlockDensities, transposePanel } from './simd';

const LOG_2PI: f64 = 1.8378770664093453;

/**
 * out[i·k + c] = −½(d·ln 2π + Σⱼ p_cj (xᵢⱼ − μ_cj)²) + logDet[c] + logWeights[c], diagonal covariance.
 *
 * xPtr          n×d  rows
 * meansPtr      k×d  μ
 * precisionsPtr k×d  p = 1/σ², from precisionDiag
 * logDetPtr     k    −½ Σⱼ log σ²_cj
 * logWeightsPtr k    log π
 * outPtr        n×k  written
 * workPtr       128·d  scratch: a transposed panel of rows
 */
export function logDensityDiag(
  xPtr: usize,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  logDensityDiagonal(xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, n, d, k, true);
}

/**
 * Spherical covariance: as logDensityDiag with one precision per component (precisionsPtr: k values).
 */
export function logDensitySpherical(
  xPtr: usize,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
): void {
  logDensityDiagonal(xPtr, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, outPtr, workPtr, n, d, k, false);
}

/** SIMD across blocks of 8 points, p splatted per feature; the n % 8 remaining points take the scalar tail. */
@inline
function logDensityDiagonal(
  xPtr: usize,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  workPtr: usize,
  n: i32,
  d: i32,
  k: i32,
  perFeature: bool,
): void {
  const blockEnd = ASC_FEATURE_SIMD ? n - (n % BLOCK) : 0;
  // The SIMD loop; a build without SIMD leaves every point to the scalar loop below.
  if (ASC_FEATURE_SIMD) {
    for (let first = 0; first < blockEnd; first += PANEL_ROWS) {
      const rows = min(PANEL_ROWS, blockEnd - first);
      transposePanel(workPtr, xPtr, first, rows, d);
      densityPanelDiagonal(workPtr, first, rows, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, outPtr, d, k, perFeature);
    }
  }
  densityRowsDiagonal(xPtr, blockEnd, n, meansPtr, precisionsPtr, logDetPtr, logWeightsPtr, outPtr, d, k, perFeature);
}

/** The densities of rows first..first+rows−1 (a multiple of 8) from their transposed panel at workPtr. */
export function densityPanelDiagonal(
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
  perFeature: bool,
): void {
  const rowBytes = <usize>d << 3;
  const featureStep: usize = perFeature ? 8 : 0;
  const panel = workPtr;
  const stride = <usize>k << 3;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const precision = precisionsPtr + (perFeature ? <usize>c * rowBytes : <usize>c << 3);
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let b = 0; b < rows; b += BLOCK) {
      let q0 = f64x2.splat(0.0);
      let q1 = f64x2.splat(0.0);
      let q2 = f64x2.splat(0.0);
      let q3 = f64x2.splat(0.0);
      let p = precision;
      let m = mean;
      // Each feature is used once, so it is centred in registers rather than through a stored block.
      let x = panel + <usize>(b / BLOCK) * d * BLOCK_BYTES;
      for (let j = 0; j < d; j++) {
        const pj = v128.load64_splat(p);
        const mj = v128.load64_splat(m);
        const e0 = f64x2.sub(v128.load(x), mj);
        const e1 = f64x2.sub(v128.load(x, 16), mj);
        const e2 = f64x2.sub(v128.load(x, 32), mj);
        const e3 = f64x2.sub(v128.load(x, 48), mj);
        q0 = f64x2.add(q0, f64x2.mul(pj, f64x2.mul(e0, e0)));
        q1 = f64x2.add(q1, f64x2.mul(pj, f64x2.mul(e1, e1)));
        q2 = f64x2.add(q2, f64x2.mul(pj, f64x2.mul(e2, e2)));
        q3 = f64x2.add(q3, f64x2.mul(pj, f64x2.mul(e3, e3)));
        p += featureStep;
        m += 8;
        x += BLOCK_BYTES;
      }
      storeBlockDensities(outPtr + ((<usize>(first + b) * k + c) << 3), stride, offset, q0, q1, q2, q3);
    }
  }
}

/** The densities of rows from..n−1, one at a time: the scalar tail, and all rows without SIMD. */
export function densityRowsDiagonal(
  xPtr: usize,
  from: i32,
  n: i32,
  meansPtr: usize,
  precisionsPtr: usize,
  logDetPtr: usize,
  logWeightsPtr: usize,
  outPtr: usize,
  d: i32,
  k: i32,
  perFeature: bool,
): void {
  const rowBytes = <usize>d << 3;
  const featureStep: usize = perFeature ? 8 : 0;
  const constant = -0.5 * <f64>d * LOG_2PI;
  for (let c = 0; c < k; c++) {
    const mean = meansPtr + <usize>c * rowBytes;
    const precision = precisionsPtr + (perFeature ? <usize>c * rowBytes : <usize>c << 3);
    const offset = constant + load<f64>(logDetPtr + (<usize>c << 3)) + load<f64>(logWeightsPtr + (<usize>c << 3));
    for (let i = from; i < n; i++) {
      const row = xPtr + <usize>i * rowBytes;
      let q = 0.0;
      let p = precision;
      for (let j = 0; j < d; j++) {
        const e = load<f64>(row + (<usize>j << 3)) - load<f64>(mean + (<usize>j << 3));
        q += load<f64>(p) * (e * e);
        p += featureStep;
      }
      store<f64>(outPtr + ((<usize>i * k + c) << 3), offset - 0.5 * q);
    }
  }
}
