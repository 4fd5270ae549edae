/**
 * The binaries src/wasm/binary.ts embeds, as bytes, for the tests that load or compare the builds
 * themselves (`npm run build:wasm` writes them).
 */
import { wasmBase64, wasmScalarBase64 } from '../src/wasm/binary';

/** The SIMD build (gmm.wasm) or the scalar one (gmm-scalar.wasm), decoded. */
export function embeddedBinary(build: 'simd' | 'scalar'): Uint8Array {
  const base64 = build === 'simd' ? wasmBase64 : wasmScalarBase64;
  if (base64 === undefined) throw new Error('src/wasm/binary.ts embeds no binary: run npm run build:wasm');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
