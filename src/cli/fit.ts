/** `gmm-wasm fit`: one mixture fitted to a CSV; a summary on stderr, the model JSON to stdout or --out. */
import { type CovarianceType, GaussianMixture } from '../index';
import { filesOf, integerOption, parseCommand, required } from './args';
import { readCsv } from './csv';
import { type PendingOutput, prepareOutput } from './files';
import { COMMAND_HELP } from './help';
import { naValues } from './missing';
import { modelText } from './model-file';
import { csvOptions, EM_OPTIONS, emOptions } from './options';
import { fitSummary, progressLine } from './output';
import { fitStreamCommand, STREAM_OPTIONS, streamRequested } from './stream-commands';

/**
 * Runs `gmm-wasm fit` with its arguments (after the command name): fits, prints the summary on stderr and the
 * model to stdout or `--out`.
 * @throws CliError / UsageError for bad arguments, data or option values.
 */
export async function fitCommand(argv: readonly string[]): Promise<void> {
  const args = parseCommand('fit', argv, { ...EM_OPTIONS, ...STREAM_OPTIONS });
  if (args.flag('help')) {
    process.stdout.write(COMMAND_HELP.fit as string);
    return;
  }
  const [file] = filesOf(args, 'fit', ['a data file']) as [string];
  if (streamRequested(args, 'fit')) return fitStreamCommand(args, file);
  const components = integerOption(required(args, 'fit', 'components', '-k'), '-k');
  const options = emOptions(args);
  const out = args.string('out');
  // Before the fit: a path that cannot be written fails now, not after minutes of work.
  const pending: PendingOutput | undefined = out === undefined ? undefined : prepareOutput(out);
  const data = readCsv(file, csvOptions(args, undefined, naValues(args)));
  if (data.notice) process.stderr.write(`gmm-wasm: ${data.notice}\n`);
  const progress = progressLine(process.stderr, options.restarts ?? 1);
  let model: GaussianMixture;
  try {
    model = await GaussianMixture.fit(data, {
      ...options,
      components: components as number,
      // The library checks the name and says which ones exist.
      covariance: args.string('covariance') as CovarianceType | undefined,
      onIteration: progress.onIteration,
    });
  } catch (error) {
    pending?.discard();
    throw error;
  } finally {
    progress.done();
  }
  const text = modelText(model, data);
  const label = file === '-' ? 'stdin' : file;
  const lines = fitSummary(model, label, data.rows, model.bic(data));
  if (pending) {
    pending.commit(text);
    lines.push(`  model written to ${out}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
  if (!pending) process.stdout.write(text);
}
