/** The fitted parameters as a table (π, μ, Σ per component) and a one-line summary of the fit. */
import type { GaussianMixture } from '../../src/index';
import { clusterColor } from './palette';

export interface FitSummary {
  readonly model: GaussianMixture;
  /** BIC on the data the model was fitted to. */
  readonly bic: number;
  readonly rows: number;
  readonly xLabel: string;
  readonly yLabel: string;
}

/** Fills `table` with one row per component and `summary` with the fit's figures; empties both without. */
export function renderParameters(
  table: HTMLTableElement,
  summary: HTMLElement,
  fit: FitSummary | undefined,
): void {
  table.replaceChildren();
  summary.replaceChildren();
  if (!fit) {
    summary.append(element('span', 'muted', 'No model yet: choose a dataset and press Fit.'));
    return;
  }
  const { model, bic, rows, xLabel, yLabel } = fit;
  summary.append(
    chip(model.converged ? 'converged' : 'not converged', model.converged ? 'ok' : 'warn'),
    chip(`${model.iterations} iterations`),
    chip(`log-likelihood ${model.logLikelihood.toFixed(4)} / sample`),
    chip(`BIC ${bic.toFixed(1)}`),
    chip(`${model.nParameters} parameters, N = ${rows}`),
    chip(`${model.covariance} · seed ${model.seed}`),
  );

  const head = table.createTHead();
  const groups = head.insertRow();
  for (const [text, span] of [
    ['', 1],
    ['weight', 1],
    ['mean μ', 2],
    ['covariance Σ', 3],
  ] as const) {
    const th = document.createElement('th');
    th.textContent = text;
    th.colSpan = span;
    th.className = 'group';
    groups.append(th);
  }
  const columns = head.insertRow();
  for (const text of ['component', 'π', 'x', 'y', 'xx', 'xy', 'yy']) {
    const th = document.createElement('th');
    th.textContent = text;
    columns.append(th);
  }
  const caption = table.createCaption();
  caption.textContent = `x = ${xLabel}, y = ${yLabel}`;
  const body = table.createTBody();
  model.weights.forEach((weight, k) => {
    const row = body.insertRow();
    const label = row.insertCell();
    const swatch = element('span', 'swatch', '');
    swatch.style.background = clusterColor(k);
    label.append(swatch, document.createTextNode(String(k + 1)));
    const mean = model.means[k] ?? [];
    const covariance = model.covariances[k] ?? [];
    const values = [weight, mean[0], mean[1], covariance[0]?.[0], covariance[0]?.[1], covariance[1]?.[1]];
    for (const value of values) row.insertCell().textContent = formatNumber(value);
  });
}

function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  // Rounding noise of an exact zero (an axis-aligned covariance) reads as zero.
  if (magnitude < 1e-12) return '0.000';
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) return value.toExponential(2);
  // The minus sign, not a hyphen, so that columns of signed numbers line up.
  return value.toFixed(magnitude >= 100 ? 1 : 3).replace('-', '−');
}

function chip(text: string, tone?: 'ok' | 'warn'): HTMLElement {
  return element('span', tone ? `chip chip-${tone}` : 'chip', text);
}

function element(tag: string, className: string, text: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}
