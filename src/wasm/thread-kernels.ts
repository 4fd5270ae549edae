/**
 * This thread's kernels, for the one M-step that runs in wasm (the equal-orientation models' inner
 * loop, ./orientation.ts). The covariance table is bundled into the workers too, so it must not
 * import the loader (./load.ts), which embeds the binary: the loader registers itself here instead.
 * Workers, which run E-steps only, register nothing.
 */
import type { Kernels } from './kernels';

let loader: (() => Kernels) | undefined;

/** Called once by ./load.ts: how this thread gets its kernels synchronously (loaded, or compiled now). */
export function provideThreadKernels(load: () => Kernels): void {
  loader = load;
}

/**
 * The kernels of this thread's module, loading it synchronously if no fit has yet (the loader's
 * `kernelsSync`: a browser's main thread needs `await ready()` first, and its error says so).
 * @throws Error where no loader is registered (a worker) or the module cannot be instantiated.
 */
export function threadKernels(): Kernels {
  if (!loader) throw new Error('gmm-wasm: no WebAssembly module on this thread for the M-step');
  return loader();
}
