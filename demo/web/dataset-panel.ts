/** The Data panel: which dataset, its options, and the points it yields. Reports every change. */
import { CsvError, type NumericTable, parseNumericCsv } from './csv';
import { type Dataset, fromClicks, fromTable, IRIS, mulberry32, synthetic } from './data';
import { byId, setOptions } from './dom';

export type DatasetKind = 'iris' | 'synthetic' | 'clicks' | 'csv';

/** `replace`: new data, old results are void; `append`: points added to the same data. */
export type DatasetChange = 'replace' | 'append';

const KINDS: readonly DatasetKind[] = ['iris', 'synthetic', 'clicks', 'csv'];
const CLOUD_SIZE = 25;
const CLOUD_SPREAD = 0.35;

export class DatasetPanel {
  kind: DatasetKind = 'iris';
  dataset: Dataset;
  private readonly clicks: [number, number][] = [];
  private table: NumericTable | undefined;
  private readonly select = byId('dataset', HTMLSelectElement);
  private readonly irisX = byId('iris-x', HTMLSelectElement);
  private readonly irisY = byId('iris-y', HTMLSelectElement);
  private readonly csvText = byId('csv-text', HTMLTextAreaElement);
  private readonly csvX = byId('csv-x', HTMLSelectElement);
  private readonly csvY = byId('csv-y', HTMLSelectElement);
  private readonly csvError = byId('csv-error', HTMLParagraphElement);
  private readonly csvInfo = byId('csv-info', HTMLParagraphElement);

  constructor(private readonly onChange: (change: DatasetChange) => void) {
    const irisNames = IRIS.names.map((name) => name.replaceAll('_', ' '));
    // Petal length × width separates the three species best of all pairs.
    setOptions(this.irisX, irisNames, 2);
    setOptions(this.irisY, irisNames, 3);
    this.dataset = this.build();
    this.select.addEventListener('change', () => {
      this.kind = KINDS.find((kind) => kind === this.select.value) ?? 'iris';
      for (const panel of Array.from(document.querySelectorAll<HTMLElement>('[data-panel]')))
        panel.hidden = panel.dataset.panel !== this.kind;
      this.update();
    });
    for (const id of ['iris-x', 'iris-y', 'synthetic-k', 'synthetic-n', 'synthetic-seed', 'csv-x', 'csv-y'])
      byId(id, HTMLElement).addEventListener('change', () => this.update());
    byId('synthetic-new', HTMLButtonElement).addEventListener('click', () => {
      byId('synthetic-seed', HTMLInputElement).value = String(Math.floor(Math.random() * 1e6));
      this.update();
    });
    byId('clicks-clear', HTMLButtonElement).addEventListener('click', () => {
      this.clicks.length = 0;
      this.update();
    });
    byId('csv-use', HTMLButtonElement).addEventListener('click', () => this.parseCsv());
    const file = byId('csv-file', HTMLInputElement);
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      chosen
        .text()
        .then((text) => {
          this.csvText.value = text;
          this.parseCsv();
        })
        .catch((error: unknown) => this.showCsvError(`Could not read ${chosen.name}: ${String(error)}`));
      file.value = '';
    });
  }

  /** Adds a point (or, with `cloud`, a small seeded cloud around it) to the click dataset. */
  addClick(x: number, y: number, cloud: boolean): void {
    if (!cloud) this.clicks.push([x, y]);
    else {
      const random = mulberry32(this.clicks.length * 7919 + Math.round(x * 1000) + Math.round(y * 10));
      for (let i = 0; i < CLOUD_SIZE; i++) {
        const radius = CLOUD_SPREAD * Math.sqrt(-2 * Math.log(1 - random()));
        const angle = 2 * Math.PI * random();
        this.clicks.push([x + radius * Math.cos(angle), y + radius * Math.sin(angle)]);
      }
    }
    this.dataset = this.build();
    this.onChange('append');
  }

  /** What the empty plot should say, if anything. */
  emptyHint(): string {
    if (this.kind === 'clicks') return 'Click to add points · Shift-click adds a cloud';
    if (this.kind === 'csv') return 'Paste CSV text or upload a file';
    return 'No points';
  }

  /** A short description for the status line. */
  describe(): string {
    const names: Record<DatasetKind, string> = {
      iris: 'Iris',
      synthetic: 'synthetic mixture',
      clicks: 'clicked points',
      csv: 'CSV',
    };
    return `${names[this.kind]}, ${this.dataset.X.length} points`;
  }

  private update(): void {
    this.dataset = this.build();
    this.onChange('replace');
  }

  private build(): Dataset {
    switch (this.kind) {
      case 'iris': {
        const dataset = fromTable(IRIS, Number(this.irisX.value), Number(this.irisY.value));
        const unit = (label: string): string => `${label.replaceAll('_', ' ')} (cm)`;
        return { ...dataset, xLabel: unit(dataset.xLabel), yLabel: unit(dataset.yLabel) };
      }
      case 'synthetic': {
        const k = clampInput('synthetic-k', 2, 6, 4);
        const n = clampInput('synthetic-n', 10, 20000, 600);
        return synthetic(clampInput('synthetic-seed', 0, 2 ** 32 - 1, 7), k, n);
      }
      case 'clicks':
        byId('clicks-count', HTMLSpanElement).textContent =
          `${this.clicks.length} point${this.clicks.length === 1 ? '' : 's'}`;
        return fromClicks(this.clicks);
      case 'csv':
        return this.table
          ? fromTable(this.table, Number(this.csvX.value), Number(this.csvY.value))
          : { X: [], xLabel: 'x', yLabel: 'y' };
      default: {
        const unknown: never = this.kind;
        throw new Error(`unknown dataset ${String(unknown)}`);
      }
    }
  }

  private parseCsv(): void {
    try {
      const table = parseNumericCsv(this.csvText.value);
      this.table = table;
      setOptions(this.csvX, table.names, 0);
      setOptions(this.csvY, table.names, 1);
      this.csvError.hidden = true;
      byId('csv-columns', HTMLDivElement).hidden = false;
      const rows = table.columns[0]?.length ?? 0;
      const skipped = table.skipped.length > 0 ? `; not numeric, left out: ${table.skipped.join(', ')}` : '';
      this.csvInfo.textContent = `${rows} rows, ${table.names.length} numeric columns, ${
        table.hasHeader ? 'header detected' : 'no header'
      }${skipped}.`;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      this.table = undefined;
      this.showCsvError(error.message);
    }
    this.update();
  }

  private showCsvError(message: string): void {
    this.csvError.textContent = message;
    this.csvError.hidden = false;
    this.csvInfo.textContent = '';
    byId('csv-columns', HTMLDivElement).hidden = true;
  }
}

/** An integer field's value, put back into its range (and shown so) when out of it. */
function clampInput(id: string, min: number, max: number, fallback: number): number {
  const input = byId(id, HTMLInputElement);
  const raw = Math.round(Number(input.value));
  const value = Number.isFinite(raw) ? Math.min(max, Math.max(min, raw)) : fallback;
  if (String(value) !== input.value) input.value = String(value);
  return value;
}
