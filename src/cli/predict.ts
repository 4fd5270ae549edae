/** `gmm-wasm predict`: a saved model applied to the rows of a CSV; labels or probabilities on stdout. */
import { filesOf, type OptionTable, parseCommand } from './args';
import { readCsv } from './csv';
import { CliError } from './errors';
import { STDIN } from './files';
import { COMMAND_HELP } from './help';
import { MISSING_OPTIONS, naValues } from './missing';
import { checkFeatures, readModel } from './model-file';
import { csvOptions, DATA_OPTIONS, HELP_OPTION } from './options';
import { predictionLines } from './output';
import { predictStreamCommand, STREAM_OPTIONS, streamRequested } from './stream-commands';

/** The flags `gmm-wasm predict` takes. */
export const PREDICT_OPTIONS = {
  ...HELP_OPTION,
  ...DATA_OPTIONS,
  proba: { type: 'boolean' },
  ...STREAM_OPTIONS,
  ...MISSING_OPTIONS,
} as const satisfies OptionTable;

/**
 * Runs `gmm-wasm predict` with its arguments (after the command name): labels, or with `--proba`
 * probabilities, one row per line on stdout.
 * @throws CliError / UsageError for bad arguments, a model given as stdin, or a column count other than the
 *   model's.
 */
export async function predictCommand(argv: readonly string[]): Promise<void> {
  const args = parseCommand('predict', argv, PREDICT_OPTIONS);
  if (args.flag('help')) {
    process.stdout.write(COMMAND_HELP.predict as string);
    return;
  }
  const [modelFile, dataFile] = filesOf(args, 'predict', ['a model file', 'a data file']) as [string, string];
  if (modelFile === STDIN) throw new CliError("the model must be a file; '-' (stdin) is for the data");
  const model = readModel(modelFile);
  if (streamRequested(args, 'predict')) return predictStreamCommand(args, model, dataFile);
  const columns = args.string('columns');
  const data = readCsv(dataFile, csvOptions(args, model.columns, naValues(args)));
  if (data.notice) process.stderr.write(`gmm-wasm: ${data.notice}\n`);
  checkFeatures(dataFile, data.cols, columns, model.features);
  const lines = args.flag('proba')
    ? predictionLines(undefined, model.predictProba(data))
    : predictionLines(model.predict(data), undefined);
  process.stdout.write(`${lines.join('\n')}\n`);
}
