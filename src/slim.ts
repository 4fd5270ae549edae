/**
 * gmm-wasm/slim: the same API without the embedded WebAssembly binaries, for size-sensitive pages
 * that load `gmm.wasm` themselves: `await ready(new URL('gmm-wasm/gmm.wasm', import.meta.url))` (or
 * its bytes, a Response or a compiled module) before the first fit. The build swaps the module of
 * embedded binaries for an empty one; the sources are those of the full entry.
 * @packageDocumentation
 */
export * from './index';
