// Moving f32 rows into the block layout of lanes.ts, and the f64 parameters into f32 once per
// panel and component, so that the inner loops read floats only.
import { splat32, sub32 } from './lanes';
import { BLOCK32, BLOCK32_BYTES } from './scratch';

/**
 * Transposes rows first..first+rows−1 of x (row-major f32, d columns; rows a multiple of BLOCK32)
 * into panel, block by block: panel[(b·d + j)·16 + lane] = x[first + b·16 + lane][j].
 */
@inline
export function transposePanel32(panel: usize, xPtr: usize, first: i32, rows: i32, d: i32): void {
  const rowBytes = <usize>d << 2;
  const blockBytes = <usize>d * BLOCK32_BYTES;
  for (let r = 0; r < rows; r++) {
    const row = xPtr + <usize>(first + r) * rowBytes;
    const column = panel + <usize>(r / BLOCK32) * blockBytes + (<usize>(r % BLOCK32) << 2);
    for (let j = 0; j < d; j++) store<f32>(column + <usize>j * BLOCK32_BYTES, load<f32>(row + (<usize>j << 2)));
  }
}

/**
 * block[j·16 + lane] = transposed[j·16 + lane] − center[j] (center in f32) for this pass's lanes
 * of one block (`lane` = laneOffset32<T>(parity)).
 */
@inline
export function centreLanes32<T>(block: usize, transposed: usize, center32: usize, d: i32, lane: usize): void {
  for (let j = 0; j < d; j++) {
    const offset = <usize>j * BLOCK32_BYTES + lane;
    const center = splat32<T>(center32 + (<usize>j << 2));
    const source = transposed + offset;
    const target = block + offset;
    store<T>(target, sub32<T>(load<T>(source), center));
    store<T>(target, sub32<T>(load<T>(source, 16), center), 16);
    store<T>(target, sub32<T>(load<T>(source, 32), center), 32);
    store<T>(target, sub32<T>(load<T>(source, 48), center), 48);
  }
}

/** target[i] = f32(source[i]) for i < count: a mean, a centre or a row of precisions, rounded once. */
@inline
export function roundToF32(target: usize, source: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<f32>(target + (<usize>i << 2), <f32>load<f64>(source + (<usize>i << 3)));
}

/** The upper triangle (t ≤ j) of the d×d factor U, rounded to f32 at the same indices t·d + j. */
@inline
export function roundUpperToF32(target: usize, u: usize, d: i32): void {
  for (let t = 0; t < d; t++) {
    const row = <usize>t * d;
    for (let j = t; j < d; j++) store<f32>(target + ((row + j) << 2), <f32>load<f64>(u + ((row + j) << 3)));
  }
}
