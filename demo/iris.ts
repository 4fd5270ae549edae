/**
 * The Iris demo: fits a three-component full-covariance Gaussian mixture to Fisher's Iris measurements
 * and shows what happened: settings, log-likelihood per iteration, parameters in centimetres, and how
 * the clusters line up with the species. Run `npm run demo`, or `npm run demo -- --seed 7`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { GaussianMixture } from '../src/index';
import { formatSelection, SELECTION_RESTARTS, selectIris } from './bic-table';
import { fixed, heading, scientific, sparkline, table, wrap } from './format';
import {
  adjustedRandIndex,
  bestMatching,
  type ContingencyTable,
  contingencyTable,
  type Matching,
} from './metrics';
import { DEFAULT_SEED, SETTINGS, WHY } from './settings';

export { DEFAULT_SEED, SETTINGS } from './settings';

/** Everything the report shows, computed without printing. */
export interface IrisFit {
  /** The four measurement names, from the CSV header. */
  readonly features: string[];
  /** The species names, in order of first appearance. */
  readonly species: string[];
  /** Per row, the index of its species in `species`. */
  readonly truth: Int32Array;
  readonly model: GaussianMixture;
  /** Per row, the predicted cluster (component index). */
  readonly labels: Int32Array;
  /** Per restart, the mean log-likelihood of its last iteration. */
  readonly restartScores: number[];
  /** Species (rows) × clusters (columns). */
  readonly contingency: ContingencyTable;
  /** Clusters matched to species, maximising the diagonal. */
  readonly matching: Matching;
  /** Share of rows whose cluster is matched to their species. */
  readonly accuracy: number;
  /** Adjusted Rand index of clusters against species. */
  readonly ari: number;
}

/**
 * Reads `data/iris.csv` (four numeric columns, then the species).
 * @throws RangeError if a measurement is not a finite number.
 */
export function loadIris(): { features: string[]; species: string[]; X: number[][]; truth: Int32Array } {
  const [header = [], ...records] = parse(
    readFileSync(new URL('./data/iris.csv', import.meta.url)),
  ) as string[][];
  const features = header.slice(0, -1);
  const species: string[] = [];
  const truth = new Int32Array(records.length);
  const X = records.map((record, i) => {
    const name = record[features.length] ?? '';
    if (!species.includes(name)) species.push(name);
    truth[i] = species.indexOf(name);
    return features.map((feature, j) => {
      const value = Number(record[j]);
      if (!Number.isFinite(value))
        throw new RangeError(`iris.csv line ${i + 2}: ${feature} is '${record[j]}'`);
      return value;
    });
  });
  return { features, species, X, truth };
}

/** Fits the mixture with {@link SETTINGS} and `seed`, and scores its clusters against the species. */
export async function fitIris(seed: number = DEFAULT_SEED): Promise<IrisFit> {
  const { features, species, X, truth } = loadIris();
  const restartScores: number[] = [];
  const model = await GaussianMixture.fit(X, {
    ...SETTINGS,
    standardize: true,
    seed,
    onIteration: ({ restart, logLikelihood }) => {
      restartScores[restart] = logLikelihood;
    },
  });
  const labels = model.predict(X);
  const contingency = contingencyTable(truth, labels);
  const matching = bestMatching(contingency.counts);
  const accuracy = matching.matched / X.length;
  const ari = adjustedRandIndex(truth, labels);
  return { features, species, truth, model, labels, restartScores, contingency, matching, accuracy, ari };
}

/** The full text report of a fit, as the script prints it. */
export function formatReport(fit: IrisFit): string {
  return [overview, convergence, parameters, confusion, agreement]
    .flatMap((section) => section(fit))
    .join('\n');
}

function overview({ features, species, truth, model }: IrisFit): string[] {
  const { components, init, restarts, regCovar, tol, maxIter } = SETTINGS;
  return [
    `Iris: ${truth.length} × ${features.length} (${features.join(', ')}), ${species.length} species (${species.join(', ')})`,
    `Fit:  K = ${components}, init '${init}', restarts ${restarts}, regCovar ${scientific(regCovar)} ` +
      `(standardized units), tol ${scientific(tol)}, maxIter ${maxIter}, seed ${model.seed}`,
    '',
    ...wrap(WHY, 100, ''),
  ];
}

function convergence({ model, restartScores }: IrisFit): string[] {
  const { history, iterations } = model;
  const cells = history.map((value, i) => [i < iterations ? `${i + 1}` : 'final', fixed(value, 5), '']);
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += 5) rows.push(cells.slice(i, i + 5).flat());
  const status = model.converged
    ? `converged after ${iterations} iterations (change < tol ${scientific(SETTINGS.tol)})`
    : `not converged within maxIter ${SETTINGS.maxIter}`;
  const best = Math.max(...restartScores);
  const reached = restartScores.filter((score) => score > best - 0.01).length;
  return [
    ...heading('Log-likelihood per sample of the kept restart ("final" is the closing E-step)'),
    `  ${sparkline(history)}   ${status}`,
    ...table(rows, { align: rows[0]?.map(() => 'right') ?? [] }),
    '',
    `  ${reached} of ${restartScores.length} restarts reached the kept maximum (within 0.01); ` +
      'last log-likelihood of each restart relative to it:',
    ...table([restartScores.map((_, r) => `#${r}`), restartScores.map((score) => fixed(score - best, 3))], {
      align: restartScores.map(() => 'right'),
    }),
  ];
}

function parameters(fit: IrisFit): string[] {
  const { model, features } = fit;
  const lines = heading('Parameters in original units (μ in cm, Σ in cm²), components in species order');
  for (const k of componentOrder(fit)) {
    const mean = model.means[k] ?? [];
    const covariance = model.covariances[k] ?? [];
    const rows = [
      ['', 'μ', '│', ...features],
      ...features.map((feature, i) => [
        feature,
        fixed(mean[i] ?? Number.NaN, 3),
        '│',
        ...(covariance[i] ?? []).map((value) => fixed(value, 4)),
      ]),
    ];
    lines.push(
      '',
      `  component ${k} (${clusterName(fit, k)}): π = ${fixed(model.weights[k] ?? Number.NaN, 4)}`,
    );
    lines.push(...table(rows, { indent: 4 }));
  }
  return lines;
}

function confusion(fit: IrisFit): string[] {
  const { contingency, species, matching, truth } = fit;
  const columns = displayColumns(fit);
  const header = [
    'species \\ cluster',
    ...columns.map((j) => `${contingency.columns[j]} ${clusterName(fit, contingency.columns[j] ?? -1)}`),
    'total',
  ];
  const rows = contingency.counts.map((counts, i) => [
    species[contingency.rows[i] ?? -1] ?? '?',
    ...columns.map((j) => `${counts[j]}`),
    `${counts.reduce((sum, count) => sum + count, 0)}`,
  ]);
  return [
    ...heading('Confusion matrix: species vs clusters, clusters relabelled to the best-matching species'),
    ...table([header, ...rows]),
    '',
    `  accuracy under this matching: ${matching.matched} / ${truth.length} = ${fixed(100 * fit.accuracy, 1)}%`,
  ];
}

function agreement({ ari }: IrisFit): string[] {
  return [...heading('Agreement with the species'), `  adjusted Rand index: ${fixed(ari, 4)}`];
}

/** Contingency columns ordered by the species they are matched to, unmatched clusters last. */
function displayColumns({ matching }: IrisFit): number[] {
  const columns = matching.rowOfColumn.map((_, j) => j);
  const rank = (j: number): number => {
    const row = matching.rowOfColumn[j] ?? -1;
    return row < 0 ? Number.MAX_SAFE_INTEGER : row;
  };
  return columns.sort((a, b) => rank(a) - rank(b) || a - b);
}

/** Every component index, those matched to a species first in species order. */
function componentOrder(fit: IrisFit): number[] {
  const matched = displayColumns(fit).map((j) => fit.contingency.columns[j] ?? -1);
  const rest = fit.model.weights.map((_, k) => k).filter((k) => !matched.includes(k));
  return [...matched, ...rest];
}

/** "= setosa" for a cluster matched to a species, "unmatched" otherwise. */
function clusterName({ contingency, matching, species }: IrisFit, cluster: number): string {
  const row = matching.rowOfColumn[contingency.columns.indexOf(cluster)] ?? -1;
  const name = species[contingency.rows[row] ?? -1];
  return name === undefined ? 'unmatched' : `= ${name}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      bic: { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new RangeError(`--seed must be an integer, got '${values.seed}'`);
  console.log(formatReport(await fitIris(seed)));
  if (values.bic) {
    for (const restarts of SELECTION_RESTARTS)
      console.log(formatSelection(await selectIris(loadIris().X, seed, restarts)).join('\n'));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
