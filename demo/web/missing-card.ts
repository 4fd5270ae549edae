/**
 * The "Missing values" card: Iris with 20 % of its measurements removed, fitted by EM on the observed
 * values and by mean-filling, each set of means beside the complete-data fit's.
 */
import { fitWithHoles, type MissingValuesDemo } from '../missing';
import { IRIS } from './data';
import { byId } from './dom';

/** Enables the card's button once the library is ready; each press fits with a new removal seed. */
export function mountMissingCard(ready: Promise<void>): void {
  const button = byId('missing-run', HTMLButtonElement);
  const table = byId('missing-table', HTMLTableElement);
  const summary = byId('missing-summary', HTMLDivElement);
  const rows = (IRIS.columns[0] ?? []).map((_, i) => IRIS.columns.map((column) => column[i] as number));
  let seed = 1;
  ready.then(
    () => {
      button.disabled = false;
    },
    () => undefined,
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      render(table, summary, await fitWithHoles(rows, 0.2, seed));
      seed++;
    } catch (error) {
      summary.replaceChildren(chip(error instanceof Error ? error.message : String(error), 'warn'));
    } finally {
      button.disabled = false;
    }
  });
}

function render(table: HTMLTableElement, summary: HTMLElement, result: MissingValuesDemo): void {
  const { complete, em, meanFilled, matchEm, matchMeanFilled } = result;
  summary.replaceChildren(
    chip(
      `${result.holes} of ${complete.features * 150} values removed, ${result.rowsWithHoles} rows with holes`,
    ),
    chip(`EM on observed values: means within ${result.emDistance.toFixed(3)} cm`, 'ok'),
    chip(`mean-filled: within ${result.meanFilledDistance.toFixed(3)} cm`, 'warn'),
  );
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const text of [
    '',
    'complete data μ',
    "missing: 'em' μ",
    'mean-filled μ',
    'total variance (complete / em / filled)',
  ]) {
    const th = document.createElement('th');
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  const trace = (matrix: readonly (readonly number[])[]) =>
    matrix.reduce((sum, row, j) => sum + (row[j] as number), 0);
  complete.means.forEach((mean, c) => {
    const e = matchEm[c] as number;
    const f = matchMeanFilled[c] as number;
    const row = body.insertRow();
    const cells = [
      `component ${c}`,
      format(mean),
      format(em.means[e] ?? []),
      format(meanFilled.means[f] ?? []),
      [complete.covariances[c], em.covariances[e], meanFilled.covariances[f]]
        .map((m) => trace(m ?? []).toFixed(3))
        .join(' / '),
    ];
    for (const text of cells) row.insertCell().textContent = text;
  });
}

function format(values: readonly number[]): string {
  return values.map((v) => v.toFixed(2)).join(', ');
}

function chip(text: string, tone?: 'ok' | 'warn'): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = tone ? `chip chip-${tone}` : 'chip';
  span.textContent = text;
  return span;
}
