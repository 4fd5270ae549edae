/** `gmm-wasm fit`: one mixture fitted to a CSV; a summary on stderr, the model JSON to stdout or --out. */
import { type CovarianceType, GaussianMixture } from '../index';
import { filesOf, numberOption, parseCommand, required } from './args';
import { readCsv } from './csv';
import { writeText } from './files';
import { COMMAND_HELP } from './help';
import { naValues } from './missing';
import { EM_OPTIONS, emOptions } from './options';
import { fitSummary, progressLine } from './output';
import { fitStreamCommand, STREAM_OPTIONS, streamRequested } from './stream-commands';

export async function fitCommand(argv: readonly string[]): Promise<void> {
  const args = parseCommand('fit', argv, { ...EM_OPTIONS, ...STREAM_OPTIONS });
  if (args.flag('help')) {
    process.stdout.write(COMMAND_HELP.fit as string);
    return;
  }
  const [file] = filesOf(args, 'fit', ['a data file']) as [string];
  if (streamRequested(args, 'fit')) return fitStreamCommand(args, file);
  const components = numberOption(required(args, 'fit', 'components', '-k'), '-k');
  const options = emOptions(args);
  const data = readCsv(file, args.string('columns'), naValues(args));
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
  } finally {
    progress.done();
  }
  const out = args.string('out');
  const lines = fitSummary(model, file, data.rows, model.bic(data));
  if (out !== undefined) {
    writeText(out, `${JSON.stringify(model)}\n`);
    lines.push(`  model written to ${out}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
  if (out === undefined) process.stdout.write(`${JSON.stringify(model)}\n`);
}
