/**
 * `--stream` for `fit` and `predict`: the data file read in passes with bounded memory, as CSV or
 * as raw binary rows (`--binary D`, `--dtype float64|float32`). On a terminal, stderr shows each
 * pass's progress.
 */
import { type CovarianceType, GaussianMixture } from '../index';
import { integerOption, numberOption, type OptionTable, type ParsedArgs, required } from './args';
import { UsageError } from './errors';
import { type PendingOutput, prepareOutput, STDIN } from './files';
import { naValues } from './missing';
import { checkFeatures, modelText } from './model-file';
import { csvOptions, emOptions } from './options';
import { fitSummary, progressLine } from './output';
import {
  type BinaryType,
  binarySource,
  type CsvFileSource,
  csvSource,
  type FileSource,
} from './stream-sources';

/** The flags `fit` and `predict` take for streaming. */
export const STREAM_OPTIONS = {
  stream: { type: 'boolean' },
  binary: { type: 'string' },
  dtype: { type: 'string' },
} as const satisfies OptionTable;

const REDRAW_MS = 100;

/**
 * Whether `--stream` was given.
 * @throws UsageError for `--binary` or `--dtype` without `--stream`, or `--dtype` without `--binary`.
 */
export function streamRequested(args: ParsedArgs, command: string): boolean {
  const stream = args.flag('stream');
  if (!stream && args.string('binary') !== undefined)
    throw new UsageError('--binary needs --stream', command);
  if (args.string('dtype') !== undefined && args.string('binary') === undefined) {
    throw new UsageError('--dtype needs --binary', command);
  }
  return stream;
}

/**
 * The source `--binary`/`--dtype`/`--columns`/`--delimiter`/`--missing` describe for `file`; a CSV
 * is read as the file read whole would be, its notice about columns left out printed once.
 */
function fileSource(
  args: ParsedArgs,
  file: string,
  command: string,
  modelColumns?: readonly string[],
): FileSource & { layout?: CsvFileSource['layout'] } {
  const binary = args.string('binary');
  if (binary === undefined) {
    const notice = (line: string) => process.stderr.write(`gmm-wasm: ${line}\n`);
    return csvSource(file, csvOptions(args, modelColumns, naValues(args)), notice);
  }
  for (const flag of ['columns', 'delimiter'] as const) {
    if (args.string(flag) !== undefined)
      throw new UsageError(`--${flag} applies to CSV files, not to --binary`, command);
  }
  if (file === STDIN) throw new UsageError('--binary reads a file, not stdin', command);
  const dtype = args.string('dtype') ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32') {
    throw new UsageError(`--dtype must be float64 or float32, got '${dtype}'`, command);
  }
  return binarySource(file, numberOption(binary, '--binary') as number, dtype as BinaryType);
}

/** Rows of a chunk with at least one value that is not NaN (missing). */
function observedRows(chunk: {
  readonly data: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
}): number {
  let count = 0;
  for (let i = 0; i < chunk.rows; i++) {
    for (let j = 0; j < chunk.cols; j++) {
      if (!Number.isNaN(chunk.data[i * chunk.cols + j])) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** Counts each pass's rows and, on a terminal, redraws `pass N: R of T rows` at most every 100 ms. */
function withPassProgress(source: FileSource, stream: NodeJS.WriteStream) {
  let passes = 0;
  let total = source.rows;
  // Rows with an observed value, counted in the first pass: N of the BIC with missing values.
  let informative = 0;
  let drawn = false;
  const counted = async function* () {
    passes++;
    let rows = 0;
    let last = 0;
    for await (const chunk of source()) {
      rows += chunk.rows;
      if (passes === 1) informative += observedRows(chunk);
      const now = Date.now();
      if (stream.isTTY && now - last >= REDRAW_MS) {
        last = now;
        const of = total === undefined ? '' : ` of ${total}`;
        stream.write(`\rpass ${passes}: ${rows}${of} rows\x1b[K`);
        drawn = true;
      }
      yield chunk;
    }
    total ??= rows;
  };
  return {
    source: counted,
    rows: () => total ?? 0,
    informativeRows: () => informative,
    passes: () => passes,
    done: () => {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/** `gmm-wasm fit <data> --stream`: `fitStream` over the file; the summary and model as `fit` writes them. */
export async function fitStreamCommand(args: ParsedArgs, file: string): Promise<void> {
  const components = integerOption(required(args, 'fit', 'components', '-k'), '-k') as number;
  if (file === STDIN) {
    throw new UsageError('fit --stream reads the data once per pass, so it needs a file, not stdin', 'fit');
  }
  const source = fileSource(args, file, 'fit');
  const out = args.string('out');
  // Before the fit, as `fit` does: a path that cannot be written fails now, not after the passes.
  const pending: PendingOutput | undefined = out === undefined ? undefined : prepareOutput(out);
  const reading = withPassProgress(source, process.stderr);
  const progress = progressLine(process.stderr, emOptions(args).restarts ?? 1);
  let model: GaussianMixture;
  try {
    model = await GaussianMixture.fitStream(reading.source, {
      ...emOptions(args),
      components,
      covariance: args.string('covariance') as CovarianceType | undefined,
      onIteration: progress.onIteration,
    });
  } catch (error) {
    pending?.discard();
    throw error;
  } finally {
    progress.done();
    reading.done();
  }
  const rows = reading.rows();
  // With missing values, log-likelihood and N are of the rows that have an observed value.
  const informative = reading.informativeRows();
  const bic = -2 * informative * model.logLikelihood + model.nParameters * Math.log(informative);
  const lines = fitSummary(model, file, rows, bic);
  lines.push(`  ${reading.passes()} passes over the data`);
  // As `fit` does: a CSV with a header gives the model its column names.
  const text = modelText(model, source.layout?.() ?? { header: false, names: [] });
  if (pending) {
    pending.commit(text);
    lines.push(`  model written to ${out}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
  if (!pending) process.stdout.write(text);
}

/** `gmm-wasm predict <model> <data> --stream`: labels (or probabilities) written chunk by chunk as the file is read. */
export async function predictStreamCommand(
  args: ParsedArgs,
  model: GaussianMixture,
  file: string,
): Promise<void> {
  const proba = args.flag('proba');
  const k = model.components;
  let first = true;
  for await (const chunk of fileSource(args, file, 'predict', model.columns)()) {
    if (first) {
      // Checked before anything is written, as `predict` does.
      checkFeatures(file, chunk.cols, args.string('columns'), model.features);
      await write(proba ? `${Array.from({ length: k }, (_, c) => `p${c}`).join(',')}\n` : 'label\n');
      first = false;
    }
    const text = proba
      ? model
          .predictProba(chunk)
          .map((row) => row.join(','))
          .join('\n')
      : Array.from(model.predict(chunk), String).join('\n');
    await write(`${text}\n`);
  }
}

/** Writes to stdout, waiting while its buffer is full, so that memory stays bounded on a slow reader. */
function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}
