import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, bestMatching, contingencyTable } from '../demo/metrics';

interface MetricsCase {
  readonly name: string;
  readonly labels_true: number[];
  readonly labels_pred: number[];
  readonly ari: number;
  readonly contingency: number[][];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/metrics.json', import.meta.url), 'utf8')) as {
  readonly sklearn_version: string;
  readonly cases: MetricsCase[];
};

describe(`clustering metrics against scikit-learn ${fixture.sklearn_version}`, () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: adjusted Rand index', (_, c) => {
    expect(Math.abs(adjustedRandIndex(c.labels_true, c.labels_pred) - c.ari)).toBeLessThan(1e-12);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: contingency table', (_, c) => {
    expect(contingencyTable(c.labels_true, c.labels_pred).counts).toEqual(c.contingency);
  });
});

describe('adjustedRandIndex', () => {
  it('is 1 for both all-singletons, symmetric, and invariant to relabelling', () => {
    expect(adjustedRandIndex([0, 1, 2, 3], [7, 5, 3, 1])).toBe(1);
    const a = [0, 0, 1, 1, 1, 2, 2, 0, 1];
    const b = [1, 1, 0, 2, 0, 2, 2, 1, 0];
    expect(adjustedRandIndex(a, b)).toBe(adjustedRandIndex(b, a));
    expect(adjustedRandIndex(a, b)).toBe(
      adjustedRandIndex(
        a.map((label) => 9 - label),
        b,
      ),
    );
  });

  it('rejects labelings of different lengths or non-integer labels', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(
      new RangeError('truth has 2 labels but predicted has 1'),
    );
    expect(() => adjustedRandIndex([0, 1], [0, 0.5])).toThrow(
      new RangeError('predicted[1] is 0.5, expected an integer'),
    );
  });
});

describe('contingencyTable', () => {
  it('orders rows and columns by ascending label', () => {
    expect(contingencyTable([5, 2, 5, 2, 2], [1, -3, -3, 1, 1])).toEqual({
      rows: [2, 5],
      columns: [-3, 1],
      counts: [
        [1, 2],
        [1, 1],
      ],
    });
  });
});

describe('bestMatching', () => {
  it('finds the permutation that maximises the matched counts, not the greedy one', () => {
    // Greedy (largest cell first) takes 9 at (0, 0) and ends with 9 + 1 + 0 = 10; the best is 8 + 8 + 7 = 23.
    const table = [
      [9, 8, 0],
      [8, 1, 0],
      [0, 0, 7],
    ];
    expect(bestMatching(table)).toEqual({ rowOfColumn: [1, 0, 2], matched: 23 });
  });

  it('leaves surplus columns unmatched in a wide table, and matches every column in a tall one', () => {
    expect(bestMatching([[1, 5, 2]])).toEqual({ rowOfColumn: [-1, 0, -1], matched: 5 });
    expect(bestMatching([[1], [5], [2]])).toEqual({ rowOfColumn: [1], matched: 5 });
  });

  it('breaks ties by the first permutation in lexicographic order', () => {
    expect(
      bestMatching([
        [1, 1],
        [1, 1],
      ]),
    ).toEqual({ rowOfColumn: [0, 1], matched: 2 });
  });

  it('rejects ragged tables and tables larger than 8 per side', () => {
    expect(() => bestMatching([[1, 2], [3]])).toThrow(
      new RangeError('table row 1 has 1 columns, expected 2'),
    );
    const nine = Array.from({ length: 9 }, () => new Array<number>(9).fill(0));
    expect(() => bestMatching(nine)).toThrow(
      new RangeError('table is 9×9; bestMatching handles at most 8 per side'),
    );
  });
});
