/**
 * The workspace's search for the covariances that cannot be factorised, which re-seeding relies on
 * to widen only those: each type's compact layout, including the tied one whose compact length does
 * not grow with K.
 */
import { describe, expect, it } from 'vitest';
import { COVARIANCE_MODELS } from '../src/covariance/index';
import { WasmData } from '../src/wasm/data';
import { loadKernels } from '../src/wasm/load';
import { Workspace } from '../src/wasm/workspace';

const d = 2;
const k = 3;
const rows = { data: Float64Array.from({ length: 8 * d }, (_, i) => Math.sin(i)), rows: 8, cols: d };
const weights = new Float64Array(k).fill(1 / k);
const means = new Float64Array(k * d);

async function singular(type: 'full' | 'tied' | 'diag', covariances: number[]) {
  const kernels = await loadKernels();
  const data = new WasmData(kernels, rows);
  const workspace = new Workspace(data, k, COVARIANCE_MODELS[type]);
  try {
    const status = workspace.loadParameters({ weights, means, covariances: Float64Array.from(covariances) });
    return { status, singular: workspace.singularComponents() };
  } finally {
    workspace.dispose();
    data.dispose();
  }
}

describe('Workspace.singularComponents', () => {
  it('names every full covariance that is not positive definite, not only the first', async () => {
    const good = [1, 0, 0, 1];
    const bad = [1, 2, 2, 1];
    expect(await singular('full', [...good, ...bad, ...bad])).toEqual({ status: 1, singular: [1, 2] });
    expect(await singular('full', [...good, ...good, ...good])).toEqual({ status: -1, singular: [] });
  });

  it('names the diagonal components with a non-positive variance', async () => {
    expect(await singular('diag', [1, 1, 1, 0, -1, 1])).toEqual({ status: 1, singular: [1, 2] });
  });

  it('reads the tied covariance where it was loaded', async () => {
    // Its compact form is one D×D matrix for any K: factorising it again must start at its first value.
    expect(await singular('tied', [1, 2, 2, 1])).toEqual({ status: 0, singular: [0] });
    expect(await singular('tied', [2, 1, 1, 2])).toEqual({ status: -1, singular: [] });
  });
});
