/**
 * Starting a worker from the bundled worker source: a Web Worker from a Blob URL in browsers (no
 * file to serve, no bundler configuration; a CSP must allow `worker-src blob:`), a worker_threads
 * worker in eval mode in Node.
 */
import type { FromWorker, ToWorker } from './protocol';
import { workerSource } from './worker-source';

export interface WorkerHandle {
  post(message: ToWorker, transfer?: Transferable[]): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onError(listener: (error: Error) => void): void;
  /** The worker stopped (Node reports every exit; a browser's workers report failures as errors). */
  onExit(listener: (code: number) => void): void;
  terminate(): Promise<void>;
}

/** A specifier bundlers do not try to resolve for browsers: the import only runs in Node. */
const NODE_WORKER_THREADS = ['node', 'worker_threads'].join(':');

interface NodeWorker {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  on(event: 'message', listener: (message: FromWorker) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
}

function isNode(): boolean {
  const scope = globalThis as {
    process?: { versions?: { node?: string } };
    WorkerGlobalScope?: unknown;
    window?: unknown;
  };
  return typeof scope.process?.versions?.node === 'string' && scope.window === undefined;
}

export async function spawnWorker(): Promise<WorkerHandle> {
  if (isNode()) {
    const threads = (await import(/* @vite-ignore */ NODE_WORKER_THREADS)) as {
      Worker: new (source: string, options: { eval: true; execArgv: string[] }) => NodeWorker;
    };
    // No inherited flags: `--input-type=module` would make the eval'd CommonJS source an ES module.
    const worker = new threads.Worker(workerSource, { eval: true, execArgv: [] });
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', listener),
      onError: (listener) => worker.on('error', listener),
      onExit: (listener) => worker.on('exit', listener),
      terminate: async () => {
        await worker.terminate();
      },
    };
  }
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    onMessage: (listener) =>
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => listener(event.data)),
    onError: (listener) =>
      worker.addEventListener('error', (event: ErrorEvent) =>
        listener(new Error(event.message || 'worker failed')),
      ),
    onExit: () => {},
    terminate: async () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
}
