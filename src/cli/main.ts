/**
 * The gmm-wasm command line: `fit`, `predict`, `select` and `impute` on CSV files. Every error ends as one
 * line on stderr, `gmm-wasm: <message>`, with exit status 1 (2 for a usage error); never a stack trace.
 * Run from source with `node --import tsx src/cli/main.ts`, or as the `gmm-wasm` bin.
 */
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
      throw new UsageError(name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`);
    }
    await command(rest);
    return 0;
  } catch (error) {
    const { message, exitCode } = describeError(error);
    process.stderr.write(`gmm-wasm: ${message}\n`);
    return exitCode;
  }
}

// A reader that stops early (`| head`) closes the pipe: that is the end of the output, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`gmm-wasm: cannot write the output: ${error.message}\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2));
