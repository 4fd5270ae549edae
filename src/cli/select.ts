/** `gmm-wasm select`: every candidate K × covariance type fitted; the table on stdout, the best to --out. */
import { type CovarianceType, type Criterion, selectModel } from '../index';
import { filesOf, listOption, type OptionTable, parseCommand, required } from './args';
import { readCsv } from './csv';
import { CliError } from './errors';
import { prepareOutput } from './files';
import { COMMAND_HELP } from './help';
import { mclustTable } from './mclust-table';
import { naValues } from './missing';
import { modelText } from './model-file';
import { csvOptions, EM_OPTIONS, emOptions } from './options';
import { progressLine, selectionTable } from './output';

/** The flags `gmm-wasm select` takes: those of `fit`, and `--criterion`. */
export const SELECT_OPTIONS = { ...EM_OPTIONS, criterion: { type: 'string' } } as const satisfies OptionTable;

/** More candidates than anyone means to fit: a typo such as 1..100000. */
const MAX_CANDIDATES = 1000;

/**
 * Runs `gmm-wasm select` with its arguments (after the command name): the table on stdout, the best model to
 * `--out`.
 * @throws CliError / UsageError for bad arguments or data, or more than 1000 candidates.
 */
export async function selectCommand(argv: readonly string[]): Promise<void> {
  const args = parseCommand('select', argv, SELECT_OPTIONS);
  if (args.flag('help')) {
    process.stdout.write(COMMAND_HELP.select as string);
    return;
  }
  const [file] = filesOf(args, 'select', ['a data file']) as [string];
  const components = candidates(required(args, 'select', 'components', '-k'));
  const options = emOptions(args);
  const out = args.string('out');
  // Before the fits: a path that cannot be written fails now, not after minutes of work.
  const pending = out === undefined ? undefined : prepareOutput(out);
  const data = readCsv(file, csvOptions(args, undefined, naValues(args)));
  if (data.notice) process.stderr.write(`gmm-wasm: ${data.notice}\n`);
  const progress = progressLine(process.stderr, options.restarts ?? 1);
  const criterion = (args.string('criterion') ?? 'bic') as Criterion;
  let result: Awaited<ReturnType<typeof selectModel>>;
  try {
    result = await selectModel(data, {
      ...options,
      components,
      // The library checks the names and the criterion and says which ones exist.
      covariance: covarianceCandidates(args.string('covariance')),
      criterion,
      onIteration: progress.onIteration,
    });
  } catch (error) {
    pending?.discard();
    throw error;
  } finally {
    progress.done();
  }
  const { best, table } = result;
  const all = args.string('covariance')?.trim() === 'all';
  const lines = all ? mclustTable(table) : selectionTable(table, best, criterion);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (pending) {
    pending.commit(modelText(best, data));
    process.stderr.write(`gmm-wasm: best model (seed ${best.seed}) written to ${out}\n`);
  }
}

/**
 * `-k`: a range `1..8`, a list `2,4,6` or one number. Whether each is a valid K is the library's call.
 * @throws CliError for anything else, an empty range or a range of more than 1000.
 */
function candidates(text: string): number[] {
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    if (low > high) throw new CliError(`-k ${text} is an empty range; write the lower bound first`);
    if (high - low >= MAX_CANDIDATES) {
      throw new CliError(`-k ${text} has ${high - low + 1} candidates; at most ${MAX_CANDIDATES}`);
    }
    return Array.from({ length: high - low + 1 }, (_, i) => low + i);
  }
  if (/^\s*-?\d+\s*(?:,\s*-?\d+\s*)*$/.test(text)) return text.split(',').map(Number);
  throw new CliError(`-k must be a range 1..8, a list 2,4,6 or a number, got '${text}'`);
}

/** `--covariance all`: mclust's fourteen models; otherwise a comma-separated list. */
function covarianceCandidates(text: string | undefined): CovarianceType[] | 'all' | undefined {
  if (text?.trim() === 'all') return 'all';
  return listOption(text) as CovarianceType[] | undefined;
}
