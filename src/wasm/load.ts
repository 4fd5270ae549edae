/**
 * The one module that touches `WebAssembly`: picks the SIMD or the scalar build of the kernels for
 * the runtime, compiles it once, and instantiates it through @assemblyscript/loader so that an
 * AssemblyScript abort surfaces as a readable error with its source location.
 */
import { instantiate, instantiateSync } from '@assemblyscript/loader';
import { wasmBase64, wasmScalarBase64 } from './binary';
import type { Kernels } from './kernels';

/** Where `ready` may take the WebAssembly binary from (`gmm.wasm`, or `gmm-scalar.wasm` without SIMD). */
export type WasmSource = BufferSource | WebAssembly.Module | Response | PromiseLike<Response> | URL | string;

interface Loaded {
  readonly kernels: Kernels;
  readonly module: WebAssembly.Module;
}

let loaded: Loaded | undefined;
let pending: Promise<Loaded> | undefined;

/**
 * The smallest module that uses a SIMD instruction (i8x16.popcnt): a runtime that validates it runs
 * the SIMD build. Validation compiles nothing, so it is allowed even where a CSP forbids compiling.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98,
  11,
]);

/** Whether this runtime has WebAssembly SIMD; without it the scalar build of the same kernels runs. */
export function supportsSimd(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

/** The embedded binary for this runtime, or undefined in the `gmm-wasm/slim` build, which embeds none. */
function embeddedBinary(): Uint8Array<ArrayBuffer> | undefined {
  const base64 = supportsSimd() ? wasmBase64 : wasmScalarBase64;
  if (base64 === undefined) return undefined;
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates the WebAssembly module ahead of time. `fit` and `selectModel` call it
 * themselves. Call it yourself before using a model made by `fromJSON` on a browser's main thread
 * (browsers refuse to compile modules of this size synchronously there), and, with
 * `gmm-wasm/slim`, to hand over the binary: its bytes, a `Response` or a URL to fetch (browsers),
 * or an already compiled `WebAssembly.Module`. The first successful call wins; later ones resolve
 * at once.
 * @throws Error when the runtime cannot compile the module (a Content Security Policy without
 *   'wasm-unsafe-eval', or no binary in the slim build).
 */
export async function ready(source?: WasmSource): Promise<void> {
  await load(source);
}

/** The kernels, instantiating them asynchronously on first use. */
export async function loadKernels(): Promise<Kernels> {
  return (await load(undefined)).kernels;
}

/** The compiled module, for workers to instantiate their own kernels from. */
export async function loadModule(): Promise<WebAssembly.Module> {
  return (await load(undefined)).module;
}

function load(source: WasmSource | undefined): Promise<Loaded> {
  if (loaded) return Promise.resolve(loaded);
  pending ??= compile(source)
    .then((module) => instantiate<Record<string, unknown>>(module))
    .then((result) => {
      loaded ??= { kernels: result.exports as unknown as Kernels, module: result.module };
      return loaded;
    })
    .catch((error: unknown) => {
      pending = undefined;
      throw instantiationError(error);
    });
  return pending;
}

async function compile(source: WasmSource | undefined): Promise<WebAssembly.Module> {
  if (source === undefined) {
    const bytes = embeddedBinary();
    if (!bytes)
      throw new Error('gmm-wasm/slim embeds no binary: call `await ready(source)` with gmm.wasm first');
    return WebAssembly.compile(bytes);
  }
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL) return compileResponse(fetch(source));
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return WebAssembly.compile(source);
  return compileResponse(source);
}

async function compileResponse(response: Response | PromiseLike<Response>): Promise<WebAssembly.Module> {
  const settled = await response;
  if (!settled.ok)
    throw new Error(`fetching the binary failed: HTTP ${settled.status} ${settled.statusText}`);
  // Streaming compilation needs the application/wasm type; anything else is compiled from bytes.
  if (
    typeof WebAssembly.compileStreaming === 'function' &&
    settled.headers.get('content-type') === 'application/wasm'
  ) {
    return WebAssembly.compileStreaming(settled);
  }
  return WebAssembly.compile(await settled.arrayBuffer());
}

/**
 * The kernels, synchronously: already instantiated, or compiled now from the embedded binary (fine
 * in Node and in workers; browsers' main threads refuse, so the error says to await `ready()`).
 */
export function kernelsSync(): Kernels {
  if (loaded) return loaded.kernels;
  const bytes = embeddedBinary();
  if (!bytes)
    throw new Error('gmm-wasm/slim embeds no binary: call `await ready(source)` with gmm.wasm first');
  try {
    const result = instantiateSync<Record<string, unknown>>(bytes);
    loaded = { kernels: result.exports as unknown as Kernels, module: result.module };
  } catch (error) {
    const wrapped = instantiationError(error);
    wrapped.message += '; in a browser, `await ready()` before using a model made by fromJSON';
    throw wrapped;
  }
  return loaded.kernels;
}

function instantiationError(error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  if (reason.startsWith('gmm-wasm')) return error as Error;
  return new Error(`gmm-wasm could not instantiate its WebAssembly module: ${reason}`, { cause: error });
}
