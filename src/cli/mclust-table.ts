/**
 * `select --covariance all` prints the BIC as mclust's `summary(mclustBIC(…))` lays it out: one row
 * per K, one column per model, in mclust's sign (2·log L − p·ln N: higher is better), a failed
 * candidate as NA, then the three best.
 */
import type { SelectionRow } from '../index';

/** mclust's BIC of a row: our BIC negated. */
function mclustBic(row: SelectionRow): number | undefined {
  return row.error === undefined && Number.isFinite(row.bic) ? -row.bic : undefined;
}

/**
 * The lines of the BIC table of `select --covariance all`, laid out as mclust's `summary(mclustBIC(…))`: K by
 * model, mclust's sign, NA for a failed candidate, then the three best.
 */
export function mclustTable(table: readonly SelectionRow[]): string[] {
  const models = [...new Set(table.map((row) => row.covariance))];
  const ks = [...new Set(table.map((row) => row.components))].sort((a, b) => a - b);
  const cell = (k: number, model: string) => {
    const row = table.find((r) => r.components === k && r.covariance === model);
    const bic = row && mclustBic(row);
    return bic === undefined ? 'NA' : bic.toFixed(3);
  };
  const cells = [['', ...models], ...ks.map((k) => [`${k}`, ...models.map((model) => cell(k, model))])];
  const widths = models.map((_, j) => Math.max(...cells.map((line) => (line[j + 1] as string).length)));
  const first = Math.max(...cells.map((line) => (line[0] as string).length));
  const lines = cells.map((line) =>
    [
      (line[0] as string).padEnd(first),
      ...line.slice(1).map((text, j) => text.padStart(widths[j] as number)),
    ].join(' '),
  );
  const ranked = table
    .filter((row) => mclustBic(row) !== undefined)
    .sort((a, b) => (mclustBic(b) as number) - (mclustBic(a) as number))
    .slice(0, 3);
  return [
    "Bayesian Information Criterion (BIC), mclust's sign (2·log-likelihood − parameters·ln N, higher is better):",
    ...lines,
    '',
    'Top 3 models based on the BIC criterion:',
    ranked
      .map((row) => `${row.covariance},${row.components} ${(mclustBic(row) as number).toFixed(3)}`)
      .join('  '),
  ];
}
