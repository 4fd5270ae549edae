/**
 * The gmm-wasm command line: `fit`, `predict`, `select` and `impute` on CSV files. Every error ends as one
 * line on stderr, `gmm-wasm: <message>`, with exit status 1 (2 for a usage error); never a stack trace.
 * Run from source with `node --import tsx src/cli/main.ts`, or as the `gmm-wasm` bin.
 */
import { editDistance } from '../validate/options';
import { shorten } from './delimiter';
import { describeError, UsageError } from './errors';
import { fitCommand } from './fit';
import { COMMAND_HELP, MAIN_HELP, version } from './help';
import { IMPUTE_HELP, imputeCommand } from './impute';
import { predictCommand } from './predict';
import { selectCommand } from './select';

const COMMANDS: Readonly<Record<string, (argv: readonly string[]) => Promise<void>>> = {
  fit: fitCommand,
  predict: predictCommand,
  select: selectCommand,
  impute: imputeCommand,
};

/** Runs one command line (the arguments after `gmm-wasm`) and returns the exit status. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      process.stderr.write(MAIN_HELP);
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const topic = rest[0];
      process.stdout.write(
        topic === 'impute'
          ? IMPUTE_HELP
          : topic !== undefined && Object.hasOwn(COMMAND_HELP, topic)
            ? (COMMAND_HELP[topic] as string)
            : MAIN_HELP,
      );
      return 0;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      const what = name.startsWith('-') ? 'option' : 'command';
      throw new UsageError(`unknown ${what} '${shorten(name)}'${nearestCommand(name)}`);
    }
    await command(rest);
    return 0;
  } catch (error) {
    const { message, exitCode } = describeError(error);
    process.stderr.write(`gmm-wasm: ${message}\n`);
    return exitCode;
  }
}

/** `; did you mean 'fit'?` for a command within 2 edits of `typed`. */
function nearestCommand(typed: string): string {
  const near = Object.keys(COMMANDS).find((command) => editDistance(typed.toLowerCase(), command) <= 2);
  return near === undefined ? '' : `; did you mean '${near}'?`;
}

// Interrupted (Ctrl-C, a kill): exit through 'exit', so that a half-written --out file is removed.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

// A reader that stops early (`| head`) closes the pipe: that is the end of the output, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`gmm-wasm: cannot write the output: ${error.message}\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2));
