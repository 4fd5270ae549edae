/**
 * The benchmark's report, from made-up measurements: the targets printed beside each ratio with
 * met/missed, the float32 columns present exactly when a float32 timing is, the failures that end a
 * run, the workflow rows, and the subset a run is asked for. No timing is made here.
 */
import { describe, expect, it } from 'vitest';
import { GRID, IMPLEMENTATIONS, type Implementation, type Shape } from '../bench/grid';
import { selection } from '../bench/parts';
import { header, markdownTable, notes, shapeResult, strictFailures, tableRow } from '../bench/report';
import { ratioCell, sklearnTarget } from '../bench/targets';
import type { Outcome } from '../bench/timing';
import { workflowRow } from '../bench/workflow-report';
import type { Run, WorkflowRow } from '../bench/workflows';

function timed(msPerIteration: number, logLikelihood: number): Outcome {
  return { status: 'ok', msPerIteration, perIteration: [msPerIteration], fitsPerTiming: 1, logLikelihood };
}

const NOT_APPLICABLE: Outcome = { status: 'skipped', cell: 'n/a', reason: 'no such option' };

function outcomes(overrides: Partial<Record<Implementation, Outcome>>): Record<Implementation, Outcome> {
  const all = Object.fromEntries(IMPLEMENTATIONS.map((name) => [name, NOT_APPLICABLE]));
  return { ...all, ...overrides } as Record<Implementation, Outcome>;
}

const FULL_32: Shape = { rows: 100_000, cols: 32, components: 8, covariance: 'full', iterations: 5 };

describe('the targets beside the ratios', () => {
  it('marks a ratio met or missed, and shows a bare ratio where there is no target', () => {
    expect(ratioCell(6.44, 5)).toBe('6.4× ✓ ≥ 5');
    expect(ratioCell(4.96, 5)).toBe('5.0× ✗ ≥ 5');
    expect(ratioCell(1.93, undefined)).toBe('1.9×');
    expect(ratioCell(14.213, 18, '', 2)).toBe('14.21 ✗ ≥ 18');
    expect(ratioCell(123.4, 10)).toBe('123× ✓ ≥ 10');
  });

  it("gives each covariance type the issue's target at D = 8 and D = 32", () => {
    const target = (covariance: Shape['covariance'], cols: number) =>
      sklearnTarget({ ...FULL_32, covariance, cols });
    expect([target('full', 2), target('full', 8), target('full', 32), target('full', 64)]).toEqual([
      5, 5, 2.5, 1.5,
    ]);
    expect([target('diag', 8), target('diag', 32), target('spherical', 8), target('spherical', 32)]).toEqual([
      5, 3, 5, 3,
    ]);
    expect([target('tied', 8), target('tied', 32)]).toEqual([undefined, 2]);
  });

  it('times every covariance type at (100 000, 8, 8) and (100 000, 32, 8)', () => {
    for (const covariance of ['full', 'diag', 'spherical', 'tied'] as const) {
      for (const cols of [8, 32]) {
        const found = GRID.filter(
          (s) => s.covariance === covariance && s.cols === cols && s.rows === 100_000,
        );
        expect(
          found.map((s) => s.components),
          `${covariance} D=${cols}`,
        ).toEqual([8]);
      }
    }
  });
});

describe('a grid row', () => {
  const result = shapeResult(
    FULL_32,
    outcomes({
      'gmm-wasm': timed(100, -40),
      'gmm-wasm-f32': timed(50, -40.0002),
      sklearn: timed(300, -40),
      'plain-ts': timed(2000, -40),
    }),
  );

  it('has the float32 columns, with the speed-up, its target and the relative LL difference', () => {
    const row = tableRow(result, true);
    expect(row).toHaveLength(header(true).length);
    expect(row.slice(0, 8)).toEqual([
      '100 000×32 K=8 full, T=5',
      '100',
      '17.66 ✗ ≥ 18',
      '300',
      '3.0× ✓ ≥ 2.5',
      '50.0',
      '2.0× ✓ ≥ 1.6',
      '5.0e-6 ✓',
    ]);
    expect(row.at(-1)).toBe('✓ 0e+0');
  });

  it('leaves the float32 columns out of a build without float32, and its note says so', () => {
    expect(header(false)).not.toContain('float32 ms/it');
    expect(tableRow(result, false)).toHaveLength(header(false).length);
    expect(notes(false).some((note) => note.startsWith('float32'))).toBe(false);
    expect(notes(true).some((note) => note.startsWith('float32'))).toBe(true);
  });

  it('states the flops counted for every covariance type', () => {
    const gflops = notes(false).find((note) => note.startsWith('GFLOP/s')) ?? '';
    for (const text of ['full 2D² + 5D', 'tied 2D² + 5D', 'diag 7D', 'spherical 7D'])
      expect(gflops).toContain(text);
  });

  it('fails a run whose strict implementations disagree or crash, not one where one is n/a', () => {
    const disagreeing = shapeResult(
      FULL_32,
      outcomes({ 'gmm-wasm': timed(1, -40), sklearn: timed(2, -40.1) }),
    );
    expect(strictFailures([disagreeing])).toEqual([
      '100 000×32 K=8 full: sklearn log-likelihood differs from gmm-wasm by 2.5e-3 relative',
    ]);
    const crashed: Outcome = { status: 'failed', cell: 'failed', reason: 'exit 1: Error: boom' };
    const failing = shapeResult(FULL_32, outcomes({ 'gmm-wasm': timed(1, -40), 'plain-ts': crashed }));
    expect(strictFailures([failing])).toEqual(['100 000×32 K=8 full: plain-ts failed: exit 1: Error: boom']);
    expect(strictFailures([result])).toEqual([]);
  });

  it('renders as a Markdown table', () => {
    const table = markdownTable([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(table).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});

describe('a workflow row', () => {
  const gmm: Run = {
    status: 'ok',
    ms: [900, 1000, 1100],
    medianMs: 1000,
    iterations: 140,
    result: 'full K=4',
  };
  const row = (other: WorkflowRow['other']): WorkflowRow => ({
    workflow: 'selectModel',
    data: '10 000×8',
    gmm,
    against: 'mclust',
    other,
    target: 10,
  });

  it('shows both sides with their iterations and findings, and the ratio against its target', () => {
    const mclust: Run = {
      status: 'ok',
      ms: [21_500],
      medianMs: 21_500,
      iterations: undefined,
      result: 'full K=4 (VVV)',
    };
    expect(workflowRow(row(mclust))).toEqual([
      'selectModel',
      '10 000×8',
      '1.00',
      '140',
      'full K=4',
      'mclust',
      '21.5',
      '–',
      'full K=4 (VVV)',
      '21.5× ✓ ≥ 10',
    ]);
  });

  it('says why a side did not run', () => {
    const cells = workflowRow(row({ status: 'skipped', reason: 'Rscript not found' }));
    expect(cells.slice(6)).toEqual(['skipped: Rscript not found', '–', '–', '–']);
  });
});

describe('a subset of the bench', () => {
  it('runs everything without the variables', () => {
    const all = selection({});
    expect([...all.parts]).toEqual(['grid', 'workflows', 'missing']);
    expect(all.shapes).toBe(GRID);
    expect(all.subset).toBeUndefined();
  });

  it('takes parts and a pattern of shape labels', () => {
    const some = selection({ BENCH_PARTS: 'grid', BENCH_SHAPES: 'tied' });
    expect([...some.parts]).toEqual(['grid']);
    expect(some.shapes.map((s) => s.covariance)).toEqual(['tied', 'tied']);
    expect(some.subset).toBe('BENCH_PARTS=grid BENCH_SHAPES=tied');
  });

  it('refuses an unknown part and a pattern that matches nothing', () => {
    expect(() => selection({ BENCH_PARTS: 'grid,workflow' })).toThrow(
      new RangeError('BENCH_PARTS: unknown part workflow; the parts are grid, workflows, missing'),
    );
    expect(() => selection({ BENCH_SHAPES: 'VVV' })).toThrow(
      new RangeError('BENCH_SHAPES: /VVV/ matches no shape'),
    );
  });
});
