/**
 * The demo's model-selection view (`npm run demo -- --bic`): BIC beside ICL for every candidate on
 * raw Iris, degenerate candidates marked, the best starred, and the same choice as mclust.
 */
import { describe, expect, it } from 'vitest';
import { formatSelection, SELECTION_RESTARTS, selectIris } from '../demo/bic-table';
import { loadIris } from '../demo/iris';

const { X } = loadIris();

/** The grid line of K = k. */
function gridLine(lines: readonly string[], k: number): string {
  return lines.find((line) => new RegExp(`^\\s*${k}\\s{2,}\\d`).test(line)) ?? '';
}

describe('the --bic view', () => {
  it('shows one start and then ten per candidate', () => {
    expect(SELECTION_RESTARTS).toEqual([1, 10]);
  });

  it('with one start per candidate (seed 0), marks the degenerate spikes and stars 2 full', async () => {
    const selection = await selectIris(X, 0, 1);
    const lines = formatSelection(selection);
    expect(lines[1]).toContain('one start per candidate: BIC / ICL (lower is better; * best, ! degenerate)');
    const degenerate = selection.table.filter((row) => row.degenerate);
    expect(degenerate.length).toBeGreaterThan(0);
    for (const row of degenerate) {
      const cell = `${row.bic.toFixed(1)} / ${row.icl.toFixed(1)} !`;
      expect(gridLine(lines, row.components)).toContain(cell);
    }
    expect([selection.best.components, selection.best.covariance]).toEqual([2, 'full']);
    expect(gridLine(lines, 2)).toMatch(/ \d+\.\d \/ \d+\.\d \*/);
    expect(lines.join('\n')).toContain('is such a spike');
    expect(lines.at(-2)).toMatch(/^ {2}Best: K = 2 with 'full' covariance \(BIC 574\.02, ICL 574\.02,/);
  });

  it('with ten restarts per candidate (seed 0), no candidate is degenerate and 2 full wins', async () => {
    const selection = await selectIris(X, 0, 10);
    const lines = formatSelection(selection);
    expect(selection.table.some((row) => row.degenerate)).toBe(false);
    expect(lines).toContain('  No candidate is degenerate: each kept its best restart without a spike.');
    expect([selection.best.components, selection.best.covariance]).toEqual([2, 'full']);
  });
});
