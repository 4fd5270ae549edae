/**
 * Loading the engines' WebAssembly on this thread, for the layers above the engines (the streamed
 * fits, the online learner, the asynchronous predictions), which otherwise never touch ../wasm/: after `loadEngines`,
 * every engine is made synchronously on the loaded module.
 */
import { loadKernels, loadModule } from '../wasm/load';
import { WorkerPool } from '../workers/pool';

/**
 * Loads this thread's module once (the embedded binary, or what `ready` was given); a no-op once loaded.
 * @throws Error when there is no binary to load (`gmm-wasm/slim` before `ready`) or it does not instantiate.
 */
export async function loadEngines(): Promise<void> {
  await loadKernels();
}

/**
 * Starts `count` workers holding no rows, each with the module instantiated, for engines that send
 * them rows with each pass (a stream's chunks).
 * @param url - where to start them from (`workerUrl`); the embedded worker when undefined.
 */
export async function emptyWorkerPool(
  count: number,
  cols: number,
  url: URL | undefined,
): Promise<WorkerPool> {
  return WorkerPool.startEmpty(count, cols, await loadModule(), { url });
}
