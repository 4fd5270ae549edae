/**
 * `gmm-wasm impute`: a saved model fills in the missing cells of a CSV with their conditional
 * expectations given each row's observed cells; the completed columns go to stdout or --out as CSV.
 */
import { filesOf, type OptionTable, parseCommand } from './args';
import { readCsv } from './csv';
import { CliError } from './errors';
import { prepareOutput, STDIN } from './files';
import { MISSING_HELP, MISSING_OPTIONS, naValues } from './missing';
import { readModel } from './model-file';
import { csvOptions, DATA_OPTIONS, HELP_OPTION } from './options';

/** The flags `gmm-wasm impute` takes. */
export const IMPUTE_OPTIONS = {
  ...HELP_OPTION,
  ...DATA_OPTIONS,
  out: { type: 'string', short: 'o' },
  ...MISSING_OPTIONS,
} as const satisfies OptionTable;

/** The text of `gmm-wasm impute --help`. */
export const IMPUTE_HELP = `Usage: gmm-wasm impute <model.json> <data.csv> [options]

Writes data.csv's columns (those the model was fitted on) as CSV with every missing cell filled in:
its expected value under the model, given the other values of its row (a row with nothing observed
gets the mixture's mean). Observed cells are written as read. Any model can impute.

Options:
  --columns LIST       the columns the model was fitted on, by name or number from 1, ranges a..b
                       (default: the model's columns by name, else every numeric column)
  -d, --delimiter C    the field separator: one character, or tab (default: detected)
${MISSING_HELP}
                       (impute reads empty cells, NA, NaN and ? as missing without --missing)
  -o, --out FILE       write the CSV to FILE instead of stdout
  -h, --help           this help
`;

/**
 * Runs `gmm-wasm impute` with its arguments (after the command name): writes the completed CSV.
 * @throws CliError / UsageError for bad arguments, a model given as stdin, or a column count other than the
 *   model's.
 */
export async function imputeCommand(argv: readonly string[]): Promise<void> {
  const args = parseCommand('impute', argv, IMPUTE_OPTIONS);
  if (args.flag('help')) {
    process.stdout.write(IMPUTE_HELP);
    return;
  }
  const [modelFile, dataFile] = filesOf(args, 'impute', ['a model file', 'a data file']) as [string, string];
  if (modelFile === STDIN) throw new CliError("the model must be a file; '-' (stdin) is for the data");
  const model = readModel(modelFile);
  const columns = args.string('columns');
  const out = args.string('out');
  // Before the work: a path that cannot be written fails now.
  const pending = out === undefined ? undefined : prepareOutput(out);
  const data = readCsv(dataFile, csvOptions(args, model.columns, naValues(args, true)));
  if (data.notice) process.stderr.write(`gmm-wasm: ${data.notice}\n`);
  if (data.cols !== model.features) {
    pending?.discard();
    const label = dataFile === STDIN ? 'stdin' : dataFile;
    const given =
      columns === undefined ? `${label} has ${data.cols} columns` : `--columns chooses ${data.cols}`;
    const hint = columns === undefined ? '; choose them with --columns' : '';
    throw new CliError(`${given}, but the model was fitted on ${model.features}${hint}`);
  }
  let rows: Float64Array[];
  try {
    rows = model.impute(data);
  } catch (error) {
    pending?.discard();
    throw error;
  }
  // Shortest round-trip decimals: reading the file back gives the same doubles.
  const lines = [
    ...(data.header ? [data.names.map(csvCell).join(',')] : []),
    ...rows.map((row: Float64Array) => Array.from(row, String).join(',')),
  ];
  const text = `${lines.join('\n')}\n`;
  if (pending) pending.commit(text);
  else process.stdout.write(text);
}

/** A header name as a CSV field, quoted when it needs to be. */
function csvCell(name: string): string {
  return /[",\n\r]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}
