/**
 * What the CLI prints: the fit summary, the selection table, predictions as CSV, and the progress
 * line that EM iterations update on a terminal.
 */
import type { Criterion, GaussianMixture, IterationProgress, SelectionRow } from '../index';

/** The few lines `fit` prints on stderr about the model it made from `rows` rows of `file`. */
export function fitSummary(model: GaussianMixture, file: string, rows: number, bic: number): string[] {
  const iterations = `${model.iterations} iteration${model.iterations === 1 ? '' : 's'}`;
  return [
    `gmm-wasm: K = ${model.components}, '${model.covariance}' covariance, ` +
      `${rows} rows × ${model.features} columns of ${file}`,
    model.converged
      ? `  converged after ${iterations} (seed ${model.seed})`
      : `  not converged after ${iterations} (seed ${model.seed}); raise --max-iter or --tol`,
    `  log-likelihood ${fixed(model.logLikelihood, 4)} per row, BIC ${fixed(bic, 2)}`,
    `  weights ${model.weights.map((w) => fixed(w, 3)).join(' ')}`,
  ];
}

/**
 * The selection as aligned text: one line per candidate (its criteria, whether a component is
 * degenerate, whether it converged), the best by `criterion` marked `*` in the first column, failed
 * candidates with the reason, then a line naming the best.
 */
export function selectionTable(
  table: readonly SelectionRow[],
  best: { readonly components: number; readonly covariance: string; readonly seed: number },
  criterion: Criterion,
): string[] {
  const bestRow = table.find((r) => r.components === best.components && r.covariance === best.covariance);
  const cells = [
    ['', 'K', 'covariance', 'BIC', 'AIC', 'ICL', 'log-likelihood', 'degenerate', 'converged'],
    ...table.map((row) => [
      row === bestRow ? '*' : '',
      `${row.components}`,
      row.covariance,
      ...(row.error === undefined
        ? [
            fixed(row.bic, 2),
            fixed(row.aic, 2),
            fixed(row.icl, 2),
            fixed(row.logLikelihood, 4),
            row.degenerate ? 'yes' : 'no',
            row.converged ? 'yes' : 'no',
          ]
        : ['-', '-', '-', '-', '-', `failed: ${row.error}`]),
    ]),
  ];
  return [
    ...aligned(cells, ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'left', 'left']),
    '',
    `* best by ${criterion.toUpperCase()} (lower is better): ` +
      `K = ${best.components}, '${best.covariance}' covariance (seed ${best.seed})`,
    // The library passes over degenerate candidates while a sound one exists: say so when it did.
    ...(bestRow?.degenerate === false && table.some((row) => row.degenerate)
      ? ['  degenerate candidates (a component the data do not determine) are passed over']
      : []),
  ];
}

/** Labels (one column, `label`) or responsibilities (`p0,p1,…`) as CSV lines, header first. */
export function predictionLines(labels: Int32Array | undefined, proba: readonly Float64Array[] | undefined) {
  if (labels) return ['label', ...Array.from(labels, String)];
  const k = proba?.[0]?.length ?? 0;
  return [
    Array.from({ length: k }, (_, c) => `p${c}`).join(','),
    ...(proba ?? []).map((row) => row.join(',')),
  ];
}

/** A progress reporter for `onIteration`: one line rewritten in place, only on a terminal. */
export interface Progress {
  /** The callback to pass as `onIteration`; undefined when stderr is not a terminal. */
  readonly onIteration: ((progress: IterationProgress) => void) | undefined;
  /** Clears the line. */
  done(): void;
}

/** Redraws at most this often: a terminal need not see every one of thousands of iterations. */
const REDRAW_MS = 80;

/** Progress on `stream` (stderr) when it is a terminal, else nothing. */
export function progressLine(stream: NodeJS.WriteStream, restarts: number): Progress {
  if (!stream.isTTY) return { onIteration: undefined, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    onIteration: (p) => {
      const now = Date.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      const candidate = p.candidate ? `K = ${p.candidate.components} ${p.candidate.covariance}  ` : '';
      const text =
        `${candidate}restart ${p.restart + 1}/${restarts}  iteration ${p.iteration}  ` +
        `log-likelihood ${fixed(p.logLikelihood, 5)}  change ${p.change.toExponential(1)}`;
      stream.write(`\r${text.slice(0, (stream.columns || 80) - 1)}\x1b[K`);
      drawn = true;
    },
    done: () => {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/** `value` with `digits` decimals; a negative zero prints as zero. */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Rows of cells as columns as wide as their widest cell, two spaces apart, trailing spaces removed. */
function aligned(rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, j) => {
      widths[j] = Math.max(widths[j] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, j) => {
        const width = j === row.length - 1 && align[j] === 'left' ? 0 : (widths[j] ?? 0);
        return align[j] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd(),
  );
}
