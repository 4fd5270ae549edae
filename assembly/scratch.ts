// The scratch buffer every panel kernel receives (workPtr): its layout and its length, which the
// TypeScript side reads through `scratchLength` rather than restating.
//
//   panel   PANEL_ROWS·d  rows transposed block by block (transposePanel)
//   block   BLOCK·d       one centred block (centreLanes)
//   shifted PANEL_ROWS·d  the panel moved to the shared origin (origin.ts), or its rows' Uᵀ(x − z)
//   norms   PANEL_ROWS    each shifted row's squared length (spherical)
//   origin  d             z, the mean of the component means (origin.ts)
//   lanes   pairs of f64  per-lane statistics sums: d·d + d + 1 pairs (scatter, first moments,
//                         weight) for the triangular kernels, 2·d + 1 (squares, first moments,
//                         weight) for the diagonal ones
//
// The scalar tails use the first d doubles, the full factorisation the first d·d, k-means the
// first BLOCK·d: all inside the same length.

/** Points handled together by the panel kernels; the remaining n % BLOCK points take the scalar tail. */
export const BLOCK: i32 = 8;

/** Bytes of one transposed block row: BLOCK doubles. */
export const BLOCK_BYTES: usize = 64;

/** Rows transposed at a time: 16 blocks, small enough to stay in cache while every component visits. */
export const PANEL_ROWS: i32 = 128;

/** Doubles in one lane accumulator: an f64x2 in memory. */
const PAIR: i32 = 2;

/** Start of the transposed panel. */
@inline
export function panelAt(workPtr: usize): usize {
  return workPtr;
}

/** Start of the centred block, after the panel. */
@inline
export function blockAt(workPtr: usize, d: i32): usize {
  return workPtr + ((<usize>PANEL_ROWS * d) << 3);
}

/** Start of the shifted panel, after the centred block. */
@inline
export function shiftedAt(workPtr: usize, d: i32): usize {
  return blockAt(workPtr, d) + <usize>d * BLOCK_BYTES;
}

/** Start of the shifted rows' squared lengths, after the shifted panel. */
@inline
export function normsAt(workPtr: usize, d: i32): usize {
  return shiftedAt(workPtr, d) + ((<usize>PANEL_ROWS * d) << 3);
}

/** Start of the shared origin z, after the norms. */
@inline
export function originAt(workPtr: usize, d: i32): usize {
  return normsAt(workPtr, d) + (<usize>PANEL_ROWS << 3);
}

/** Start of the lane sums, after the origin. */
@inline
export function lanesAt(workPtr: usize, d: i32): usize {
  return originAt(workPtr, d) + (<usize>d << 3);
}

/**
 * Doubles of scratch the kernels need at dimension d: `triangular` (nonzero) for the full and tied
 * kernels, zero for the diagonal, spherical and k-means ones. A double, so that sizes beyond 2³¹ can
 * be refused rather than wrap.
 */
export function scratchLength(d: i32, triangular: i32): f64 {
  const dd = <f64>d;
  const pairs = triangular ? dd * dd + dd + 1.0 : 2.0 * dd + 1.0;
  return <f64>PANEL_ROWS * (2.0 * dd + 1.0) + <f64>BLOCK * dd + dd + <f64>PAIR * pairs;
}

/**
 * Where the fused full-covariance E-step keeps a panel's centred blocks between its densities and
 * its statistics, which centre on the same means: k·PANEL_ROWS·d doubles, static, so that the work
 * buffer's length stays independent of k. Used when they fit (keptFits), else each kernel centres
 * its own.
 */
const KEPT_BYTES: usize = 128 * 1024;
const KEPT: usize = memory.data(<i32>KEPT_BYTES, 16);

/** The kept blocks' buffer when a panel of k components at dimension d fits in it, else 0. */
@inline
export function keptBlocks(d: i32, k: i32): usize {
  return (<usize>k * PANEL_ROWS * d) << 3 <= KEPT_BYTES ? KEPT : 0;
}

/** Component c's centred block of rows b…b+7 (b a multiple of BLOCK) in a panel of `rows` rows. */
@inline
export function keptBlockAt(keptPtr: usize, c: i32, b: i32, rows: i32, d: i32): usize {
  return keptPtr + (<usize>c * rows + b) * d * 8;
}
