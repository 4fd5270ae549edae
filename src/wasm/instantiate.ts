/**
 * Kernels of their own from an already compiled module: what each worker does with the module the
 * calling thread compiled. Kept apart from `load.ts` so that the worker bundle embeds no binary.
 */
import { instantiateSync } from '@assemblyscript/loader';
import type { Kernels } from './kernels';

/** The kernels of a new instance of `module`, with its own memory. */
export function instantiateKernels(module: WebAssembly.Module): Kernels {
  return instantiateSync<Record<string, unknown>>(module).exports as unknown as Kernels;
}
