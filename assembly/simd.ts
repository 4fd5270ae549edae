// Small SIMD helpers shared by the kernels. Kernels work on blocks of BLOCK points held as four
// f64x2 vectors ("lanes" 0..7), so each splatted matrix entry is used eight times per load.
//
// Rows arrive row-major, but the kernels want each feature of 8 points side by side. So a kernel
// first transposes a panel of up to PANEL_ROWS rows into scratch, once, and then, for every
// component, centres each block with vector subtractions: the scalar shuffling is paid once per
// panel rather than once per component.

/** Points handled together by the SIMD loops; the remaining n % BLOCK points take the scalar tail. */
export const BLOCK: i32 = 8;

/** Bytes of one transposed block row: BLOCK doubles. */
export const BLOCK_BYTES: usize = 64;

/** Rows transposed at a time: 16 blocks, small enough to stay in cache while every component visits. */
export const PANEL_ROWS: i32 = 128;

/** Sum of both lanes. */
@inline
export function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * Transposes rows first..first+rows−1 of x (row-major, d columns; rows a multiple of BLOCK) into
 * panel, block by block: panel[(b·d + j)·8 + lane] = x[first + b·8 + lane][j].
 */
@inline
export function transposePanel(panel: usize, xPtr: usize, first: i32, rows: i32, d: i32): void {
  const rowBytes = <usize>d << 3;
  const blockBytes = <usize>d * BLOCK_BYTES;
  for (let r = 0; r < rows; r++) {
    const row = xPtr + <usize>(first + r) * rowBytes;
    const column = panel + <usize>(r / BLOCK) * blockBytes + (<usize>(r % BLOCK) << 3);
    for (let j = 0; j < d; j++) store<f64>(column + <usize>j * BLOCK_BYTES, load<f64>(row + (<usize>j << 3)));
  }
}

/** block[j·8 + lane] = transposed[j·8 + lane] − center[j], for one block of a panel. */
@inline
export function centreBlock(block: usize, transposed: usize, centerPtr: usize, d: i32): void {
  for (let j = 0; j < d; j++) {
    const offset = <usize>j * BLOCK_BYTES;
    const center = v128.load64_splat(centerPtr + (<usize>j << 3));
    const source = transposed + offset;
    const target = block + offset;
    v128.store(target, f64x2.sub(v128.load(source), center));
    v128.store(target, f64x2.sub(v128.load(source, 16), center), 16);
    v128.store(target, f64x2.sub(v128.load(source, 32), center), 32);
    v128.store(target, f64x2.sub(v128.load(source, 48), center), 48);
  }
}

/**
 * Writes rows first..first+7 of x (n×d), minus `center`, transposed into `block`:
 * block[j·8 + lane] = x[first + lane][j] − center[j]. For kernels that visit each block once.
 */
@inline
export function loadCentredBlock(block: usize, xPtr: usize, first: i32, centerPtr: usize, d: i32): void {
  const rowBytes = <usize>d << 3;
  for (let lane = 0; lane < BLOCK; lane++) {
    const row = xPtr + <usize>(first + lane) * rowBytes;
    const column = block + (<usize>lane << 3);
    for (let j = 0; j < d; j++) {
      const offset = <usize>j << 3;
      store<f64>(column + <usize>j * BLOCK_BYTES, load<f64>(row + offset) - load<f64>(centerPtr + offset));
    }
  }
}

/** Two doubles `stride` bytes apart, as one vector: a column of a row-major matrix, two rows at a time. */
@inline
export function gatherPair(ptr: usize, stride: usize): v128 {
  return f64x2.replace_lane(v128.load64_splat(ptr), 1, load<f64>(ptr + stride));
}

/**
 * Writes offset − ½·q for the 8 points of a block, lane by lane, into a column of a row-major n×k
 * output: out, out + stride, …, out + 7·stride.
 */
@inline
export function storeBlockDensities(out: usize, stride: usize, offset: f64, q0: v128, q1: v128, q2: v128, q3: v128): void {
  store<f64>(out, offset - 0.5 * f64x2.extract_lane(q0, 0));
  store<f64>(out + stride, offset - 0.5 * f64x2.extract_lane(q0, 1));
  store<f64>(out + 2 * stride, offset - 0.5 * f64x2.extract_lane(q1, 0));
  store<f64>(out + 3 * stride, offset - 0.5 * f64x2.extract_lane(q1, 1));
  store<f64>(out + 4 * stride, offset - 0.5 * f64x2.extract_lane(q2, 0));
  store<f64>(out + 5 * stride, offset - 0.5 * f64x2.extract_lane(q2, 1));
  store<f64>(out + 6 * stride, offset - 0.5 * f64x2.extract_lane(q3, 0));
  store<f64>(out + 7 * stride, offset - 0.5 * f64x2.extract_lane(q3, 1));
}
