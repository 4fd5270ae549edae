/**
 * The statistics worker: holds one shard of rows in its own wasm memory and answers passes over it
 * (E-step statistics, log-likelihood, worst-explained row) under the parameters each pass brings;
 * or, started with no rows, answers the same passes over the stream chunks sent to it.
 * Bundled on its own (npm run build:worker) and started from a string, in browsers as a Web Worker
 * and in Node as a worker_threads worker.
 */
import { EVALUATION_MODELS } from '../covariance/evaluation';
import type { EvaluationForm } from '../covariance/model';
import { WasmData } from '../wasm/data';
import { instantiateKernels } from '../wasm/instantiate';
import { Workspace } from '../wasm/workspace';
import { answerChunk } from './chunk-answer';
import type { FromWorker, PassMessage, ShardMessage, ToWorker } from './protocol';

interface Port {
  post(message: FromWorker, transfer?: Transferable[]): void;
  listen(handler: (message: ToWorker) => void): void;
}

interface ParentPort {
  postMessage(message: unknown, transfer?: unknown[]): void;
  on(event: 'message', f: (m: ToWorker) => void): void;
}

declare const require: ((id: string) => { parentPort: ParentPort }) | undefined;

/**
 * A Web Worker's global scope, or Node's parentPort: through `process.getBuiltinModule` when the
 * script was loaded as an ES module from `workerUrl`, else `require` (eval mode runs CommonJS).
 */
function connect(): Port {
  const scope = globalThis as unknown as {
    WorkerGlobalScope?: unknown;
    postMessage(message: unknown, transfer: Transferable[]): void;
    onmessage: ((event: { data: ToWorker }) => void) | null;
    process?: { getBuiltinModule?: (id: string) => unknown };
  };
  if (scope.WorkerGlobalScope !== undefined) {
    return {
      post: (message, transfer = []) => scope.postMessage(message, transfer),
      listen: (handler) => {
        scope.onmessage = (event) => handler(event.data);
      },
    };
  }
  const threads = (scope.process?.getBuiltinModule?.('node:worker_threads') ??
    (typeof require === 'function' ? require('node:worker_threads') : undefined)) as
    | { parentPort: ParentPort }
    | undefined;
  if (!threads) throw new Error('gmm-wasm worker: neither a Web Worker nor a worker_threads worker');
  const { parentPort } = threads;
  return {
    post: (message, transfer = []) => parentPort.postMessage(message, transfer),
    listen: (handler) => parentPort.on('message', handler),
  };
}

let data: WasmData | undefined;
let shardStart = 0;
let workspace: { key: string; value: Workspace } | undefined;

function receiveShard(message: ShardMessage): void {
  const kernels = instantiateKernels(message.module);
  data = new WasmData(kernels, { data: message.x, rows: message.rows, cols: message.d }, message.weights);
  shardStart = message.start;
}

/** The workspace for (k, evaluation), kept while consecutive passes share them. */
function workspaceFor(k: number, evaluation: EvaluationForm): Workspace {
  const key = `${k}/${evaluation}`;
  if (workspace?.key !== key) {
    workspace?.value.dispose();
    workspace = { key, value: new Workspace(data as WasmData, k, EVALUATION_MODELS[evaluation]) };
  }
  return workspace.value;
}

function answer(message: PassMessage): { reply: FromWorker; transfer: Transferable[] } {
  const target = workspaceFor(message.k, message.evaluation);
  target.loadParameters(message.params);
  const { id } = message;
  switch (message.kind) {
    case 'eStep': {
      const { weight, logLikelihood, nk, first, scatter } = target.eStep();
      return {
        reply: { kind: 'eStep', id, statistics: { weight, logLikelihood, nk, first, scatter } },
        transfer: [nk.buffer, first.buffer, scatter.buffer],
      };
    }
    case 'logLikelihood':
      return { reply: { kind: 'logLikelihood', id, value: target.logLikelihood() }, transfer: [] };
    case 'logLikelihoodAndEntropy':
      return {
        reply: { kind: 'logLikelihoodAndEntropy', id, ...target.logLikelihoodAndEntropy() },
        transfer: [],
      };
    case 'worstExplainedRow': {
      const { row, logNorm } = target.worstExplainedRow();
      return {
        reply: { kind: 'worstExplainedRow', id, row: row < 0 ? row : shardStart + row, logNorm },
        transfer: [],
      };
    }
  }
}

const port = connect();
port.listen((message) => {
  const id = message.kind === 'shard' ? -1 : message.id;
  try {
    if (message.kind === 'shard') {
      receiveShard(message);
      port.post({ kind: 'ready' });
    } else {
      const { reply, transfer } =
        message.kind === 'chunk' ? answerChunk((data as WasmData).kernels, message) : answer(message);
      port.post(reply, transfer);
    }
  } catch (error) {
    port.post({ kind: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
});
