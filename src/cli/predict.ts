/** `gmm-wasm predict`: a saved model applied to the rows of a CSV; labels or probabilities on stdout. */
import { GaussianMixture } from '../index';
import { filesOf, type OptionTable, parseCommand } from './args';
import { readCsv } from './csv';
import { CliError } from './errors';
import { readText } from './files';
import { COMMAND_HELP } from './help';
import { MISSING_OPTIONS, naValues } from './missing';
import { HELP_OPTION } from './options';
import { predictionLines } from './output';
import { predictStreamCommand, STREAM_OPTIONS, streamRequested } from './stream-commands';

const PREDICT_OPTIONS = {
  ...HELP_OPTION,
  proba: { type: 'boolean' },
  columns: { type: 'string' },
  ...STREAM_OPTIONS,
  ...MISSING_OPTIONS,
} as const satisfies OptionTable;

export async function predictCommand(argv: readonly string[]): Promise<void> {
  const args = parseCommand('predict', argv, PREDICT_OPTIONS);
  if (args.flag('help')) {
    process.stdout.write(COMMAND_HELP.predict as string);
    return;
  }
  const [modelFile, dataFile] = filesOf(args, 'predict', ['a model file', 'a data file']) as [string, string];
  const model = readModel(modelFile);
  if (streamRequested(args, 'predict')) return predictStreamCommand(args, model, dataFile);
  const columns = args.string('columns');
  const data = readCsv(dataFile, columns, naValues(args));
  if (data.cols !== model.features) {
    const given =
      columns === undefined ? `${dataFile} has ${data.cols} columns` : `--columns chooses ${data.cols}`;
    const hint = columns === undefined ? '; choose them with --columns' : '';
    throw new CliError(`${given}, but the model was fitted on ${model.features}${hint}`);
  }
  const lines = args.flag('proba')
    ? predictionLines(undefined, model.predictProba(data))
    : predictionLines(model.predict(data), undefined);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The model saved in `file`. @throws CliError with `fromJSON`'s reason when it is not one. */
export function readModel(file: string): GaussianMixture {
  const text = readText(file);
  try {
    return GaussianMixture.fromJSON(text);
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    const reason = error.message.replace(/^GaussianMixture\.fromJSON: /, '');
    throw new CliError(`${file} is not a gmm-wasm model: ${reason}`);
  }
}
