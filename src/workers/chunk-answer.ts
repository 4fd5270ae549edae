/**
 * A worker's answer to one stream chunk (fitStream with `workers`): the chunk's E-step, run by the
 * same ChunkStep as on the calling thread, so a chunk gives the same bits wherever it goes.
 */
import { EVALUATION_MODELS } from '../covariance/evaluation';
import { ChunkStep, type WorstRow } from '../engine/chunk-step';
import type { Kernels } from '../wasm/kernels';
import type { ChunkMessage, ChunkRow, FromWorker } from './protocol';

/** The step for (d, k, evaluation, missing), kept while consecutive chunks share them, and its parameters' version. */
let step: { key: string; value: ChunkStep; version: number } | undefined;

function stepFor(kernels: Kernels, message: ChunkMessage): ChunkStep {
  const key = `${message.d}/${message.k}/${message.evaluation}/${message.missing}`;
  if (step?.key !== key) {
    step?.value.dispose();
    step = undefined;
    const value = new ChunkStep(
      kernels,
      message.d,
      message.k,
      EVALUATION_MODELS[message.evaluation],
      message.missing,
    );
    step = { key, value, version: Number.NaN };
  }
  if (step.version !== message.version) {
    // The calling thread checked these parameters before sending them: they factorise.
    step.value.loadParameters(message.params);
    step.version = message.version;
  }
  return step.value;
}

/**
 * A worker's answer to one chunk: the pass it asks for under its parameters, on a chunk step kept between
 * messages of the same shape and refactorised only when the parameters' version changes; the reply's buffers
 * to transfer with it.
 */
export function answerChunk(
  kernels: Kernels,
  message: ChunkMessage,
): { reply: FromWorker; transfer: Transferable[] } {
  const target = stepFor(kernels, message);
  const X = { data: message.x, rows: message.rows, cols: message.d };
  const { id } = message;
  switch (message.pass) {
    case 'eStep': {
      const { weight, logLikelihood, nk, first, scatter } = target.statistics(X, message.weights);
      return {
        reply: { kind: 'chunk', id, statistics: { weight, logLikelihood, nk, first, scatter } },
        transfer: [nk.buffer, first.buffer, scatter.buffer],
      };
    }
    case 'logLikelihood':
      return {
        reply: { kind: 'chunk', id, logLikelihood: target.logLikelihood(X, message.weights) },
        transfer: [],
      };
    case 'worstExplainedRow': {
      const { complete, partial } = target.worstExplainedRow(X, message.weights);
      const withValues = (worst: WorstRow): ChunkRow => ({
        ...worst,
        values:
          worst.row < 0
            ? undefined
            : new Float64Array(message.x.subarray(worst.row * message.d, (worst.row + 1) * message.d)),
      });
      return {
        reply: { kind: 'chunk', id, worst: { complete: withValues(complete), partial: withValues(partial) } },
        transfer: [],
      };
    }
  }
}
