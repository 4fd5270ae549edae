/**
 * The workspace's one-pass log-likelihood and classification entropy (selectModel's ICL): the same
 * log-likelihood as its log-likelihood pass and the entropy of the responsibilities its prediction
 * pass hands out, weighted, with a zero-weight row left out, across more than one kernel call.
 */
import { describe, expect, it } from 'vitest';
import { COVARIANCE_MODELS } from '../src/covariance/index';
import { log } from '../src/logarithm';
import { CHUNK_ROWS, WasmData } from '../src/wasm/data';
import { loadKernels } from '../src/wasm/load';
import { Workspace } from '../src/wasm/workspace';

const d = 3;
const k = 4;
const rows = CHUNK_ROWS + 37;
const X = {
  data: Float64Array.from({ length: rows * d }, (_, i) => 3 * Math.sin(i * 0.37) + (i % 5)),
  rows,
  cols: d,
};
const params = {
  weights: Float64Array.from([0.1, 0.2, 0.3, 0.4]),
  means: Float64Array.from({ length: k * d }, (_, i) => (i % 7) - 2),
  covariances: Float64Array.from({ length: k * d }, (_, i) => 0.5 + (i % 3)),
};

async function passes(sampleWeight: Float64Array | undefined) {
  const kernels = await loadKernels();
  const data = new WasmData(kernels, X, sampleWeight);
  const workspace = new Workspace(data, k, COVARIANCE_MODELS.diag);
  try {
    expect(workspace.loadParameters(params)).toBe(-1);
    let entropy = 0;
    workspace.forEachChunk((start, count, _logNorm, resp) => {
      for (let i = 0; i < count; i++) {
        const weight = sampleWeight ? (sampleWeight[start + i] as number) : 1;
        if (weight > 0) entropy -= weight * log(Math.max(...resp.subarray(i * k, (i + 1) * k)));
      }
    });
    return { both: workspace.logLikelihoodAndEntropy(), logLikelihood: workspace.logLikelihood(), entropy };
  } finally {
    workspace.dispose();
    data.dispose();
  }
}

describe('Workspace.logLikelihoodAndEntropy', () => {
  it('gives the log-likelihood pass and the entropy of the responsibilities, unweighted', async () => {
    const { both, logLikelihood, entropy } = await passes(undefined);
    expect(both.logLikelihood).toBe(logLikelihood);
    expect(entropy).toBeGreaterThan(100);
    expect(both.entropy).toBeCloseTo(entropy, 9);
  });

  it('weights every row and leaves out a row of weight 0', async () => {
    const weights = Float64Array.from({ length: rows }, (_, i) => (i === 5 ? 0 : 0.5 + (i % 3)));
    const { both, logLikelihood, entropy } = await passes(weights);
    expect(both.logLikelihood).toBe(logLikelihood);
    expect(both.entropy).toBeCloseTo(entropy, 9);
    const unweighted = await passes(undefined);
    expect(Math.abs(both.entropy - unweighted.entropy)).toBeGreaterThan(1);
  });
});
