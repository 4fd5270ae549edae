// Moving rows into the block layout the panel kernels read (lanes.ts describes it).
//
// Rows arrive row-major, but the kernels want each feature of 8 points side by side. So the panel
// driver first transposes a panel of up to PANEL_ROWS rows into scratch, once, and then, for every
// component, each kernel centres a block: the shuffling is paid once per panel rather than once
// per component.
import { lanesAdd, lanesSplat, lanesSub } from './lanes';
import { BLOCK, BLOCK_BYTES } from './scratch';

/**
 * Transposes rows first..first+rows−1 of x (row-major, d columns; rows a multiple of BLOCK) into
 * panel, block by block: panel[(b·d + j)·8 + lane] = x[first + b·8 + lane][j]. Pure data movement,
 * so both builds give the same panel: the SIMD build moves 2×2 tiles (two features of two rows,
 * swapped across by one shuffle each), the scalar one single doubles.
 */
@inline
export function transposePanel(panel: usize, xPtr: usize, first: i32, rows: i32, d: i32): void {
  const rowBytes = <usize>d << 3;
  const blockBytes = <usize>d * BLOCK_BYTES;
  if (ASC_FEATURE_SIMD) {
    for (let r = 0; r < rows; r += 2) {
      const row = xPtr + <usize>(first + r) * rowBytes;
      const column = panel + <usize>(r / BLOCK) * blockBytes + (<usize>(r % BLOCK) << 3);
      let j = 0;
      for (; j + 1 < d; j += 2) {
        const upper = v128.load(row + (<usize>j << 3));
        const lower = v128.load(row + rowBytes + (<usize>j << 3));
        const target = column + <usize>j * BLOCK_BYTES;
        v128.store(target, v128.shuffle<f64>(upper, lower, 0, 2));
        v128.store(target + BLOCK_BYTES, v128.shuffle<f64>(upper, lower, 1, 3));
      }
      if (j < d) {
        const target = column + <usize>j * BLOCK_BYTES;
        store<f64>(target, load<f64>(row + (<usize>j << 3)));
        store<f64>(target + 8, load<f64>(row + rowBytes + (<usize>j << 3)));
      }
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    const row = xPtr + <usize>(first + r) * rowBytes;
    const column = panel + <usize>(r / BLOCK) * blockBytes + (<usize>(r % BLOCK) << 3);
    for (let j = 0; j < d; j++) store<f64>(column + <usize>j * BLOCK_BYTES, load<f64>(row + (<usize>j << 3)));
  }
}

/**
 * block[j·8 + lane] = transposed[j·8 + lane] − center[j] for this pass's lanes of one block
 * (`lane` = laneOffset<T>(parity)): every lane for v128, lanes of one parity for f64.
 */
@inline
export function centreLanes<T>(block: usize, transposed: usize, centerPtr: usize, d: i32, lane: usize): void {
  for (let j = 0; j < d; j++) {
    const offset = <usize>j * BLOCK_BYTES + lane;
    const center = lanesSplat<T>(centerPtr + (<usize>j << 3));
    const source = transposed + offset;
    const target = block + offset;
    store<T>(target, lanesSub<T>(load<T>(source), center));
    store<T>(target, lanesSub<T>(load<T>(source, 16), center), 16);
    store<T>(target, lanesSub<T>(load<T>(source, 32), center), 32);
    store<T>(target, lanesSub<T>(load<T>(source, 48), center), 48);
  }
}

/** (a0 + a1) + (a2 + a3): how the four vectors of a block are summed, in both builds. */
@inline
export function sumFour<T>(a0: T, a1: T, a2: T, a3: T): T {
  return lanesAdd<T>(lanesAdd<T>(a0, a1), lanesAdd<T>(a2, a3));
}
