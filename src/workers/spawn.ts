/**
 * Starting a statistics worker. In Node, Deno and Bun a worker_threads worker, reached through
 * `process.getBuiltinModule` so that no bundler sees an import to resolve or warn about (a webpack or
 * Next.js server bundle runs it as it is); in browsers a Web Worker. Either starts from the embedded
 * worker source (Node: eval mode; browsers: a `blob:` URL, which a CSP must allow as `worker-src
 * blob:`), or from `workerUrl`, the served file `gmm-wasm/worker.js`. When a worker cannot start, the
 * error says why and what to change.
 */
import type { FromWorker, ToWorker } from './protocol';
import { workerSource } from './worker-source';

/** A started worker, the same in Node and browsers: messages both ways, its failures, its exit. */
export interface WorkerHandle {
  /** Sends a message; the buffers in `transfer` move to the worker (and are detached here). */
  post(message: ToWorker, transfer?: Transferable[]): void;
  /** Calls `listener` with every message the worker sends. */
  onMessage(listener: (message: FromWorker) => void): void;
  /** Calls `listener` when the worker fails: its script threw or could not load, the error saying so. */
  onError(listener: (error: Error) => void): void;
  /** The worker stopped (Node reports every exit; a browser's workers report failures as errors). */
  onExit(listener: (code: number) => void): void;
  /** Stops the worker; resolves once it has stopped. */
  terminate(): Promise<void>;
}

/** Where the worker's script comes from: `url` (the `workerUrl` option), else the embedded source. */
export interface WorkerScript {
  /** The served worker script (`workerUrl`); undefined: the embedded source. */
  readonly url: URL | undefined;
}

interface NodeWorker {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  on(event: 'message', listener: (message: FromWorker) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
}

interface WorkerThreads {
  Worker: new (script: string | URL, options?: { eval?: boolean; execArgv?: string[] }) => NodeWorker;
}

interface ServerProcess {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

const NO_WORKERS = 'use workers: 0 to fit on the calling thread';

/** Node, Deno or Bun (each has `process.versions.node`), and not a page that polyfills `process`. */
function serverProcess(): ServerProcess | undefined {
  const scope = globalThis as { process?: ServerProcess; window?: unknown };
  return typeof scope.process?.versions?.node === 'string' && scope.window === undefined
    ? scope.process
    : undefined;
}

/**
 * Starts a worker: a worker_threads worker in Node, Deno and Bun, a Web Worker in browsers.
 * @throws Error saying why and what to change when this runtime cannot start one (no
 *   `process.getBuiltinModule`, no `Worker`, a CSP that refuses `blob:`).
 */
export async function spawnWorker(script: WorkerScript = { url: undefined }): Promise<WorkerHandle> {
  const server = serverProcess();
  return server ? spawnThread(server, script) : spawnWebWorker(script);
}

function spawnThread(server: ServerProcess, script: WorkerScript): WorkerHandle {
  const threads = server.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
  if (!threads) {
    throw new Error(
      `gmm-wasm could not start a worker: this runtime has no process.getBuiltinModule (Node ≥ 20.16, Deno, Bun); ${NO_WORKERS}`,
    );
  }
  const source = embeddedSource(script);
  // No inherited flags: `--input-type=module` would make the eval'd CommonJS source an ES module.
  const worker =
    source === undefined
      ? new threads.Worker(script.url as URL)
      : new threads.Worker(source, { eval: true, execArgv: [] });
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.on('message', listener),
    onError: (listener) =>
      worker.on('error', (error) =>
        listener(new Error(`gmm-wasm: a worker failed: ${error.message}`, { cause: error })),
      ),
    onExit: (listener) => worker.on('exit', listener),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

function spawnWebWorker(script: WorkerScript): WorkerHandle {
  if (typeof Worker === 'undefined') {
    throw new Error(`gmm-wasm could not start a worker: this runtime has no Worker; ${NO_WORKERS}`);
  }
  const source = embeddedSource(script);
  const url =
    source === undefined
      ? (script.url as URL).href
      : URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const where = source === undefined ? `the worker script ${url}` : 'a blob: worker';
  const hint =
    source === undefined
      ? 'check that workerUrl serves gmm-wasm/worker.js and that the CSP allows it (worker-src)'
      : 'a Content Security Policy must allow it (worker-src blob:), or serve gmm-wasm/worker.js and pass workerUrl';
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch (error) {
    // Chromium refuses a worker that the page's CSP forbids right here, with a SecurityError.
    if (source !== undefined) URL.revokeObjectURL(url);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`gmm-wasm could not start ${where}: ${reason}; ${hint}, or ${NO_WORKERS}`, {
      cause: error,
    });
  }
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    onMessage: (listener) =>
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => listener(event.data)),
    onError: (listener) =>
      worker.addEventListener('error', (event: ErrorEvent) => {
        // A script that fails to load reports an error event without a message.
        const reason = event.message || 'it did not load';
        listener(new Error(`gmm-wasm: ${where} failed: ${reason}; ${hint}, or ${NO_WORKERS}`));
      }),
    onExit: () => {},
    terminate: async () => {
      worker.terminate();
      if (source !== undefined) URL.revokeObjectURL(url);
    },
  };
}

/** The embedded worker source when no `workerUrl` was given. @throws Error in `gmm-wasm/slim`, which embeds none. */
function embeddedSource(script: WorkerScript): string | undefined {
  if (script.url !== undefined) return undefined;
  if (workerSource === undefined) {
    throw new Error(
      'gmm-wasm/slim embeds no worker: pass workerUrl, the URL of gmm-wasm/worker.js as your bundler or ' +
        `server provides it, or ${NO_WORKERS}`,
    );
  }
  return workerSource;
}
