/**
 * The browser demo's wiring: the Data and Model panels drive `GaussianMixture.fit` and `selectModel`, and the
 * results are drawn as they arrive (live log-likelihood, clusters with ellipses, BIC curves, parameters).
 */
import {
  type BayesianGaussianMixture,
  GaussianMixture,
  type IterationProgress,
  ready,
  type SelectionRow,
  selectModel,
} from '../../src/index';
import { BayesianPanel } from './bayesian-panel';
import { type ModelSettings, newSeed, readSettings, selectedCovariances } from './controls';
import { fillCovarianceMenu } from './covariance-menu';
import { type DatasetChange, DatasetPanel } from './dataset-panel';
import { byId } from './dom';
import { mountMissingCard } from './missing-card';
import { drawBic, drawLogLikelihood } from './plot-lines';
import { drawScatter } from './plot-scatter';
import { perFrame, Traces } from './progress';
import { renderParameters } from './table';

// One Web Worker computes the E-step statistics, so the page keeps drawing while a large fit runs.
const FIT_WORKERS = 1;

/** Candidate numbers of components for model selection. */
const SELECTION_K = [1, 2, 3, 4, 5, 6, 7, 8];

/** What automated browser tests read: wait for `ready`, click Fit, wait for `fitCount` to grow. */
export interface GmmDemoHandle {
  ready: Promise<void>;
  lastFit: { logLikelihood: number; iterations: number; components: number } | null;
  fitCount: number;
  /** The Bayesian panel's fits: how many have been shown, and the last one's concentration and active K. */
  bayesCount: number;
  lastBayes: { concentration: number; components: number } | null;
}

declare global {
  interface Window {
    gmmDemo: GmmDemoHandle;
  }
}

const ui = {
  status: byId('status', HTMLParagraphElement),
  fit: byId('fit', HTMLButtonElement),
  cancel: byId('cancel', HTMLButtonElement),
  select: byId('select', HTMLButtonElement),
  scatter: byId('scatter', HTMLCanvasElement),
  ll: byId('ll', HTMLCanvasElement),
  bic: byId('bic', HTMLCanvasElement),
  params: byId('params', HTMLTableElement),
  summary: byId('summary', HTMLDivElement),
  scatterNote: byId('scatter-note', HTMLSpanElement),
  llNote: byId('ll-note', HTMLSpanElement),
  bicNote: byId('bic-note', HTMLSpanElement),
};

fillCovarianceMenu(byId('covariance', HTMLSelectElement), 'full');

const state: {
  model: GaussianMixture | undefined;
  labels: Int32Array | undefined;
  bic: number;
  fittedRows: number;
  selection: { table: SelectionRow[]; best: SelectionRow | undefined } | undefined;
  controller: AbortController | undefined;
  emphasis: number | undefined;
} = {
  model: undefined,
  labels: undefined,
  bic: Number.NaN,
  fittedRows: 0,
  selection: undefined,
  controller: undefined,
  emphasis: undefined,
};

const traces = new Traces();
const data = new DatasetPanel(onDataChange);
let scatterScales = drawScatter(ui.scatter, { dataset: data.dataset });

/** The model on the scatter plot: the Bayesian panel's last fit, until the Model panel fits again. */
let bayesian: BayesianGaussianMixture | undefined;

function renderScatter(): void {
  scatterScales = drawScatter(ui.scatter, {
    dataset: data.dataset,
    labels: state.labels,
    mixture: bayesian ?? state.model,
    emptyHint: data.emptyHint(),
  });
  ui.scatter.classList.toggle('clickable', data.kind === 'clicks');
}
const renderLogLikelihood = (): void => drawLogLikelihood(ui.ll, traces.restarts, state.emphasis);
const renderBic = (): void => drawBic(ui.bic, state.selection?.table ?? [], state.selection?.best);
const renderTable = (): void =>
  renderParameters(
    ui.params,
    ui.summary,
    state.model && {
      model: state.model,
      bic: state.bic,
      rows: state.fittedRows,
      xLabel: data.dataset.xLabel,
      yLabel: data.dataset.yLabel,
    },
  );
const liveLogLikelihood = perFrame(() => {
  renderLogLikelihood();
  const last = traces.last;
  // A frame that lands after the fit has finished leaves the final note alone.
  if (!last || !state.controller) return;
  const where = traces.candidate ? `${traces.candidate}, ` : '';
  ui.llNote.textContent = `${where}restart ${last.restart + 1}, iteration ${last.iteration}`;
  setStatus(
    `${busyVerb} ${where}restart ${last.restart + 1}, iteration ${last.iteration}, ` +
      `log-likelihood ${last.logLikelihood.toFixed(4)}`,
    'busy',
  );
});
let busyVerb = 'Fitting…';

/** The `onIteration` of a fit or a selection: records the iteration, emphasises its restart, redraws. */
function followProgress(progress: IterationProgress): void {
  traces.record(progress);
  state.emphasis = progress.restart;
  liveLogLikelihood();
}

function setStatus(text: string, tone?: 'busy' | 'error'): void {
  ui.status.textContent = text;
  ui.status.className = tone ? `status ${tone}` : 'status';
  ui.status.title = text;
}

function onDataChange(change: DatasetChange): void {
  // New data makes a running fit pointless.
  if (change === 'replace') state.controller?.abort();
  if (change === 'replace' || !state.model) {
    state.model = undefined;
    state.labels = undefined;
    state.selection = undefined;
    bayesian = undefined;
    traces.clear();
    ui.llNote.textContent = '';
    ui.bicNote.textContent = '';
    renderLogLikelihood();
    renderBic();
    renderTable();
  } else {
    // Points added by hand after a fit: colour them by the model that is on screen.
    state.labels = data.dataset.X.length > 0 ? (bayesian ?? state.model).predict(data.dataset.X) : undefined;
  }
  ui.scatterNote.textContent = data.describe();
  renderScatter();
  if (!state.controller) setStatus(`Ready · ${data.describe()}`);
}

/** Runs `work` with the buttons locked and a Cancel that aborts it; shows its error if it fails. */
async function run(verb: string, work: (settings: ModelSettings, signal: AbortSignal) => Promise<string>) {
  let settings: ModelSettings;
  try {
    settings = readSettings();
    if (data.dataset.X.length === 0) throw new Error('no points to fit: choose or add data first');
  } catch (error) {
    setStatus(`Cannot start: ${message(error)}`, 'error');
    return;
  }
  const controller = new AbortController();
  state.controller = controller;
  busyVerb = verb;
  ui.fit.disabled = true;
  ui.select.disabled = true;
  ui.cancel.disabled = false;
  const dataset = data.dataset;
  const previous = { restarts: traces.restarts, emphasis: state.emphasis, note: ui.llNote.textContent };
  traces.clear();
  state.emphasis = undefined;
  setStatus(`${verb} ${data.describe()}`, 'busy');
  const started = performance.now();
  try {
    const done = await work(settings, controller.signal);
    setStatus(`${done} · ${formatMs(performance.now() - started)}`);
  } catch (error) {
    if (data.dataset === dataset) {
      // The results on screen stay, so the curve that goes with them comes back too.
      traces.clear();
      traces.restarts = previous.restarts;
      state.emphasis = previous.emphasis;
      ui.llNote.textContent = previous.note;
    }
    if (controller.signal.aborted) setStatus(`Cancelled · ${data.describe()}`);
    else setStatus(`Error: ${message(error)}`, 'error');
  } finally {
    state.controller = undefined;
    ui.fit.disabled = false;
    ui.select.disabled = false;
    ui.cancel.disabled = true;
    renderLogLikelihood();
  }
}

/** Shows `model` fitted on the current data as the result. */
function showModel(model: GaussianMixture): void {
  const { X } = data.dataset;
  bayesian = undefined;
  state.model = model;
  state.labels = model.predict(X);
  state.bic = model.bic(X);
  state.fittedRows = X.length;
  window.gmmDemo.fitCount += 1;
  window.gmmDemo.lastFit = {
    logLikelihood: model.logLikelihood,
    iterations: model.iterations,
    components: model.components,
  };
  renderScatter();
  renderTable();
}

function runFit(): Promise<void> {
  return run('Fitting…', async (settings, signal) => {
    const model = await GaussianMixture.fit(data.dataset.X, {
      ...settings,
      workers: FIT_WORKERS,
      onIteration: followProgress,
      signal,
    });
    state.emphasis = traces.keptRestart(model.history);
    ui.llNote.textContent = `${traces.restarts.length} restart${traces.restarts.length === 1 ? '' : 's'}, kept #${
      state.emphasis + 1
    } (bold)`;
    showModel(model);
    const converged = model.converged ? `converged in ${model.iterations} iterations` : 'not converged';
    return `Fitted K=${model.components} ${model.covariance} on ${data.describe()}, ${converged}`;
  });
}

function runSelection(): Promise<void> {
  return run('Model selection…', async (settings, signal) => {
    const covariance = selectedCovariances();
    if (covariance.length === 0) throw new Error('tick at least one covariance type');
    const rows = data.dataset.X.length;
    const { components: _k, covariance: _type, ...shared } = settings;
    const { best, table } = await selectModel(data.dataset.X, {
      ...shared,
      components: SELECTION_K.filter((k) => k <= rows),
      covariance,
      workers: FIT_WORKERS,
      onIteration: followProgress,
      signal,
    });
    const bestRow = table.find(
      (row) => row.components === best.components && row.covariance === best.covariance,
    );
    state.selection = { table, best: bestRow };
    renderBic();
    ui.bicNote.textContent = `${table.length} fits, seed ${best.seed}`;
    // The curve of the chosen model: its kept restart's log-likelihood per iteration.
    traces.clear();
    traces.restarts = [best.history.slice(0, best.iterations)];
    state.emphasis = 0;
    ui.llNote.textContent = `best model, K=${best.components} ${best.covariance}`;
    showModel(best);
    return `Best by BIC: K=${best.components} ${best.covariance} of ${table.length} candidates`;
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

new BayesianPanel({
  rows: () => data.dataset.X,
  covariance: () => readSettings().covariance,
  seed: () => readSettings().seed,
  show(model, concentration) {
    bayesian = model;
    state.labels = model.predict(data.dataset.X);
    window.gmmDemo.bayesCount += 1;
    window.gmmDemo.lastBayes = { concentration, components: model.components };
    renderScatter();
    setStatus(`Bayesian mixture, γ = ${concentration.toPrecision(2)}: ${model.components} components active`);
  },
  fail: (text) => setStatus(`Error: ${text}`, 'error'),
});

ui.fit.addEventListener('click', () => void runFit());
ui.select.addEventListener('click', () => void runSelection());
ui.cancel.addEventListener('click', () => state.controller?.abort());
byId('new-seed', HTMLButtonElement).addEventListener('click', newSeed);
ui.scatter.addEventListener('click', (event) => {
  if (data.kind !== 'clicks' || !scatterScales || state.controller) return;
  const { frame } = scatterScales;
  const inside =
    event.offsetX >= frame.left &&
    event.offsetX <= frame.left + frame.width &&
    event.offsetY >= frame.top &&
    event.offsetY <= frame.top + frame.height;
  if (inside)
    data.addClick(scatterScales.invertX(event.offsetX), scatterScales.invertY(event.offsetY), event.shiftKey);
});
const redraw: [HTMLCanvasElement, () => void][] = [
  [ui.scatter, renderScatter],
  [ui.ll, renderLogLikelihood],
  [ui.bic, renderBic],
];
for (const [canvas, draw] of redraw) new ResizeObserver(perFrame(draw)).observe(canvas);

window.gmmDemo = {
  ready: ready().then(
    () => {
      onDataChange('replace');
      ui.fit.disabled = false;
      ui.select.disabled = false;
    },
    (error: unknown) => {
      setStatus(message(error), 'error');
      throw error;
    },
  ),
  lastFit: null,
  fitCount: 0,
  bayesCount: 0,
  lastBayes: null,
};
mountMissingCard(window.gmmDemo.ready);
