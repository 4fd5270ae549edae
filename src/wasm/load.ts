/**
 * The one module that touches `WebAssembly`: decodes the embedded binary, compiles it once, and
 * instantiates it through @assemblyscript/loader so that an AssemblyScript abort surfaces as a
 * readable error with its source location.
 */
import { instantiate, instantiateSync } from '@assemblyscript/loader';
import { wasmBase64 } from './binary';
import type { Kernels } from './kernels';

let kernels: Kernels | undefined;
let pending: Promise<Kernels> | undefined;

function decodeBinary(): Uint8Array<ArrayBuffer> {
  const text = atob(wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates the WebAssembly module ahead of time. `fit` and `selectModel` call it
 * themselves; call it yourself before using a model made by `fromJSON` on a browser's main thread,
 * where browsers refuse to compile modules of this size synchronously.
 * @throws Error when the runtime cannot compile the module (no WebAssembly SIMD, or a Content
 *   Security Policy without 'wasm-unsafe-eval').
 */
export async function ready(): Promise<void> {
  await loadKernels();
}

/** The kernels, instantiating them asynchronously on first use. */
export function loadKernels(): Promise<Kernels> {
  if (kernels) return Promise.resolve(kernels);
  pending ??= instantiate<Record<string, unknown>>(decodeBinary())
    .then((result) => {
      kernels ??= result.exports as unknown as Kernels;
      return kernels;
    })
    .catch((error: unknown) => {
      pending = undefined;
      throw compileError(error);
    });
  return pending;
}

/**
 * The kernels, synchronously: already instantiated, or compiled now (fine in Node and in workers;
 * browsers' main threads refuse, so the error says to await `ready()` first).
 */
export function kernelsSync(): Kernels {
  if (kernels) return kernels;
  try {
    kernels = instantiateSync<Record<string, unknown>>(decodeBinary()).exports as unknown as Kernels;
  } catch (error) {
    const wrapped = compileError(error);
    wrapped.message += '; in a browser, `await ready()` before using a model made by fromJSON';
    throw wrapped;
  }
  return kernels;
}

function compileError(error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`gmm-wasm could not instantiate its WebAssembly module: ${reason}`, { cause: error });
}
