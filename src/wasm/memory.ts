/**
 * Buffers in wasm linear memory. Any allocation may grow the memory, and growing detaches every
 * typed-array view on the old buffer, so a block never hands out a cached view: `view()` is built
 * fresh each time, after whatever allocation came before it.
 */
import type { Kernels } from './kernels';

/** One run of `length` doubles in wasm memory. */
export class F64Block {
  /** Byte offset in linear memory (kept unsigned: pointers above 2 GiB come back negative). */
  readonly ptr: number;

  constructor(
    private readonly kernels: Kernels,
    readonly length: number,
  ) {
    const bytes = length * 8;
    if (bytes > 0xffff_fff0)
      throw new RangeError(`a buffer of ${length} doubles exceeds wasm32's 4 GiB memory`);
    this.ptr = kernels.alloc(Math.max(bytes, 8)) >>> 0;
  }

  /** A view valid until the next allocation in the same module. */
  view(): Float64Array {
    return new Float64Array(this.kernels.memory.buffer, this.ptr, this.length);
  }

  /** Copies `values` in at element `offset`. */
  write(values: ArrayLike<number>, offset = 0): void {
    this.view().set(values, offset);
  }

  /** A copy of elements [start, end): users get copies, never views into wasm memory. */
  read(start = 0, end = this.length): Float64Array {
    return this.view().slice(start, end);
  }
}

/**
 * Owns every block of one computation and frees them together, on success or error alike, so a
 * failed call leaves the module as it found it.
 */
export class Arena {
  private readonly blocks: F64Block[] = [];

  constructor(readonly kernels: Kernels) {}

  f64(length: number): F64Block {
    const block = new F64Block(this.kernels, length);
    this.blocks.push(block);
    return block;
  }

  /** Frees every block, newest first. */
  dispose(): void {
    for (let i = this.blocks.length - 1; i >= 0; i--) this.kernels.free((this.blocks[i] as F64Block).ptr);
    this.blocks.length = 0;
  }
}
