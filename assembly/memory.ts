// The allocator the TypeScript bridge uses for every buffer: plain blocks of linear memory.

/** Allocates `size` bytes, 16-byte aligned; may grow memory (which detaches JS views). */
export function alloc(size: usize): usize {
  return heap.alloc(size);
}

/** Releases a block from `alloc`. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
