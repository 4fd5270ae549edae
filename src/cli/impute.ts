/**
 * `gmm-wasm impute`: a saved model fills in the missing cells of a CSV with their conditional
 * expectations given each row's observed cells; the completed columns go to stdout or --out as CSV.
 */
import { filesOf, type OptionTable, parseCommand } from './args';
import { readCsv } from './csv';
import { CliError } from './errors';
import { writeText } from './files';
import { MISSING_HELP, MISSING_OPTIONS, naValues } from './missing';
import { HELP_OPTION } from './options';
import { readModel } from './predict';

const IMPUTE_OPTIONS = {
  ...HELP_OPTION,
  columns: { type: 'string' },
  out: { type: 'string', short: 'o' },
  ...MISSING_OPTIONS,
} as const satisfies OptionTable;

export const IMPUTE_HELP = `Usage: gmm-wasm impute <model.json> <data.csv> [options]

Writes data.csv's columns (those the model was fitted on) as CSV with every missing cell filled in:
its expected value under the model, given the other values of its row (a row with nothing observed
gets the mixture's mean). Observed cells are written as read. Any model can impute.

Options:
  --columns LIST       the columns the model was fitted on, by name or number from 1 (default: all)
${MISSING_HELP}
                       (impute reads empty cells, NA, NaN and ? as missing without --missing)
  -o, --out FILE       write the CSV to FILE instead of stdout
  -h, --help           this help
`;

export async function imputeCommand(argv: readonly string[]): Promise<void> {
  const args = parseCommand('impute', argv, IMPUTE_OPTIONS);
  if (args.flag('help')) {
    process.stdout.write(IMPUTE_HELP);
    return;
  }
  const [modelFile, dataFile] = filesOf(args, 'impute', ['a model file', 'a data file']) as [string, string];
  const model = readModel(modelFile);
  const columns = args.string('columns');
  const data = readCsv(dataFile, columns, naValues(args, true));
  if (data.cols !== model.features) {
    const given =
      columns === undefined ? `${dataFile} has ${data.cols} columns` : `--columns chooses ${data.cols}`;
    const hint = columns === undefined ? '; choose them with --columns' : '';
    throw new CliError(`${given}, but the model was fitted on ${model.features}${hint}`);
  }
  const rows = model.impute(data);
  // Shortest round-trip decimals: reading the file back gives the same doubles.
  const lines = [
    ...(data.header ? [data.names.map(csvCell).join(',')] : []),
    ...rows.map((row) => Array.from(row, String).join(',')),
  ];
  const text = `${lines.join('\n')}\n`;
  const out = args.string('out');
  if (out === undefined) process.stdout.write(text);
  else writeText(out, text);
}

/** A header name as a CSV field, quoted when it needs to be. */
function csvCell(name: string): string {
  return /[",\n\r]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}
