/**
 * The one module that touches `WebAssembly`: picks the SIMD or the scalar build of the kernels for
 * the runtime, compiles it once, and instantiates it through @assemblyscript/loader so that an
 * AssemblyScript abort surfaces as a readable error with its source location. Nothing here touches
 * the global `Response` or `fetch` unless a URL is given: in Node, the first look at either loads the
 * whole fetch implementation (tens of milliseconds of a cold start).
 */
import { instantiate, instantiateSync } from '@assemblyscript/loader';
import type { UrlLike } from '../types';
import { wasmBase64, wasmScalarBase64 } from './binary';
import type { Kernels } from './kernels';
import { bytesFromResponse, bytesFromUrl, isResponseLike, type ResponseLike } from './source';
import { provideThreadKernels } from './thread-kernels';

/**
 * Where `ready` may take the WebAssembly binary from (`gmm.wasm`, or `gmm-scalar.wasm` without
 * SIMD): its bytes (an `ArrayBuffer` or a typed array), a compiled `WebAssembly.Module`, a fetch
 * `Response` (or a promise of one), or a URL (`URL` or string; `file:` URLs are read from disk in
 * Node, Deno and Bun). Typed structurally, so that the declarations need neither DOM nor Node types.
 */
export type WasmSource =
  | ArrayBuffer
  | ArrayBufferView
  | CompiledModule
  | ResponseLike
  | PromiseLike<ResponseLike>
  | UrlLike
  | string;

/** A compiled `WebAssembly.Module` (an opaque object to the declarations). */
export type CompiledModule = object & {
  /** `'WebAssembly.Module'`. */
  readonly [Symbol.toStringTag]: string;
};

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

/** Whether this runtime validates WebAssembly SIMD. */
function runtimeHasSimd(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

/**
 * Whether the SIMD build of the kernels runs: once the module is loaded, which binary it is (with
 * `gmm-wasm/slim`, the one handed to `ready`); before that, whether this runtime has WebAssembly
 * SIMD, so the one that would be chosen (and the one to hand to `gmm-wasm/slim`'s `ready`).
 * Without SIMD the scalar build of the same kernels runs.
 */
export function supportsSimd(): boolean {
  if (loaded) return loaded.kernels.simdBuild() === 1;
  return runtimeHasSimd();
}

/** The embedded binary for this runtime, or undefined in the `gmm-wasm/slim` build, which embeds none. */
function embeddedBinary(): Uint8Array<ArrayBuffer> | undefined {
  const base64 = runtimeHasSimd() ? wasmBase64 : wasmScalarBase64;
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
    .then((module) => instantiateModule(module))
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

/**
 * Instantiates through the loader (for its abort handling). Its asynchronous `instantiate` asks
 * `typeof Response` first, which in Node loads the fetch machinery: servers, where synchronous
 * instantiation is allowed, take the synchronous path; browsers' main threads must not.
 */
function instantiateModule(module: WebAssembly.Module) {
  const scope = globalThis as { process?: { versions?: { node?: string } }; window?: unknown };
  if (typeof scope.process?.versions?.node === 'string' && scope.window === undefined) {
    return instantiateSync<Record<string, unknown>>(module);
  }
  return instantiate<Record<string, unknown>>(module);
}

async function compile(source: WasmSource | undefined): Promise<WebAssembly.Module> {
  if (source === undefined) {
    const bytes = embeddedBinary();
    if (!bytes)
      throw new Error('gmm-wasm/slim embeds no binary: call `await ready(source)` with gmm.wasm first');
    return WebAssembly.compile(bytes);
  }
  if (source instanceof WebAssembly.Module) return source;
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) {
    return WebAssembly.compile(source as BufferSource);
  }
  if (typeof source === 'string' || source instanceof URL)
    return WebAssembly.compile((await bytesFromUrl(source)) as BufferSource);
  const settled = await (source as ResponseLike | PromiseLike<ResponseLike>);
  if (!isResponseLike(settled)) {
    throw new TypeError(
      'gmm-wasm ready(source): source must be the bytes of gmm.wasm, a WebAssembly.Module, a Response or a URL',
    );
  }
  // Streaming compilation needs a real Response of type application/wasm; else compile the bytes.
  if (
    settled.ok &&
    typeof WebAssembly.compileStreaming === 'function' &&
    settled.headers.get('content-type') === 'application/wasm'
  ) {
    return WebAssembly.compileStreaming(settled as unknown as Response);
  }
  return WebAssembly.compile(await bytesFromResponse(settled));
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

// The equal-orientation M-steps reach this thread's module through ./thread-kernels.ts.
provideThreadKernels(kernelsSync);
