/**
 * Buffers in wasm linear memory. Any allocation may grow the memory, and growing detaches every
 * typed-array view on the old buffer, so a block never hands out a cached view: `view()` is built
 * fresh each time, after whatever allocation came before it.
 */
import type { Kernels } from './kernels';

/** The allocator's largest block (assembly's TLSF allocator refuses blocks of 1 GiB and more). */
export const MAX_BLOCK_BYTES = 2 ** 30 - 64;

/** Bytes in a human unit, for messages. */
export function showBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** One run of `length` doubles in wasm memory. */
export class F64Block {
  /** Byte offset in linear memory (kept unsigned: pointers above 2 GiB come back negative). */
  readonly ptr: number;

  constructor(
    private readonly kernels: Kernels,
    readonly length: number,
  ) {
    const bytes = length * 8;
    if (bytes > MAX_BLOCK_BYTES) {
      throw new RangeError(
        `a WebAssembly buffer of ${length} doubles (${showBytes(bytes)}) exceeds the 1 GiB one allocation can hold`,
      );
    }
    try {
      this.ptr = kernels.alloc(Math.max(bytes, 8)) >>> 0;
    } catch {
      // The allocator aborts when memory cannot grow: its message names a file of ours, not the cause.
      throw new RangeError(
        `WebAssembly memory is exhausted: ${showBytes(bytes)} more do not fit in wasm32's 4 GiB ` +
          `(${showBytes(kernels.memory.buffer.byteLength)} in use); fit fewer rows, features or components at once`,
      );
    }
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

  /**
   * A new block of `length` doubles, freed with the arena.
   * @throws RangeError when it exceeds the 1 GiB one allocation holds, or memory cannot grow.
   */
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
