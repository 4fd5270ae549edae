// The scratch buffer of the f32 kernels (workPtr), laid out as ../scratch.ts lays out the f64 one:
//
//   panel   PANEL32_ROWS·d f32  rows transposed block by block (transposePanel32)
//   block   BLOCK32·d f32     one centred block (centreLanes32); the tail rows' centred row
//   params  d + d·d f32       one component's centre and factor (or precisions), rounded to f32
//   lanes   f32x4 cells       per-lane statistics sums: d·d + d (scatter, first moments) for the
//                             triangular kernels, 2·d (first moments, squares) for the diagonal ones
//
// The factorisation (d·d doubles) and k-means (8·d doubles) use a prefix of the same length.
/** Points handled together by the f32 panel kernels: four f32x4 vectors; n % 16 take the row kernels. */
export const BLOCK32: i32 = 16;

/**
 * Rows transposed at a time: 16 blocks of 16, as many bytes as the f64 panel of 128 rows, so the
 * per-panel costs (rounding the parameters, clearing and widening the lane sums) spread over twice
 * the rows; each lane then sums 64 rows in f32 before they are widened.
 */
export const PANEL32_ROWS: i32 = 256;

/** Bytes of one transposed block row: 16 floats, as many bytes as an f64 block row. */
export const BLOCK32_BYTES: usize = 64;

/** Start of the transposed panel. */
@inline
export function panel32At(workPtr: usize): usize {
  return workPtr;
}

/** Start of the centred block, after the panel. */
@inline
export function block32At(workPtr: usize, d: i32): usize {
  return workPtr + ((<usize>PANEL32_ROWS * d) << 2);
}

/** Start of one component's parameters in f32, after the block. */
@inline
export function params32At(workPtr: usize, d: i32): usize {
  return block32At(workPtr, d) + <usize>d * BLOCK32_BYTES;
}

/** Bytes of the parameter area, rounded up to whole vectors so that the lane sums stay aligned. */
@inline
function paramsBytes(d: i32): usize {
  return ((<usize>d + <usize>d * d) * 4 + 15) & ~(<usize>15);
}

/** Start of the lane sums, after the parameters. */
@inline
export function lanes32At(workPtr: usize, d: i32): usize {
  return params32At(workPtr, d) + paramsBytes(d);
}

/**
 * Doubles of scratch the f32 kernels need at dimension d: `triangular` (nonzero) for the full and
 * tied kernels, zero for the diagonal and spherical ones. A double, as scratchLength.
 */
export function scratchLengthF32(d: i32, triangular: i32): f64 {
  const dd = <f64>d;
  const cells = triangular ? dd * dd + dd : 2.0 * dd;
  const bytes = <f64>PANEL32_ROWS * dd * 4.0 + <f64>BLOCK32 * dd * 4.0 + (dd + dd * dd) * 4.0 + 16.0 + 16.0 * cells;
  return Math.ceil(bytes / 8.0);
}
