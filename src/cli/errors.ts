/**
 * The CLI's errors and how any error becomes its one line on stderr. Exit status 1 for bad data,
 * files or option values; 2 for a usage error (unknown command or option, missing argument).
 */
import type { OptionError } from '../index';

/** An error the CLI reports as `gmm-wasm: <message>` and exit status 1. */
export class CliError extends Error {
  /** The process's exit status for this error: 1 (bad data, files or option values). */
  readonly exitCode: 1 | 2 = 1;
}

/** A command line the CLI cannot read: exit status 2, with a pointer to the relevant help. */
export class UsageError extends CliError {
  /** The process's exit status for a usage error: 2. */
  override readonly exitCode = 2;

  /** @param command - the command whose `--help` to point to; none for the top-level help. */
  constructor(message: string, command?: string) {
    super(`${message} (see 'gmm-wasm ${command === undefined ? '' : `${command} `}--help')`);
  }
}

/**
 * The library's option names, as the flags a CLI user typed: a validation error names its option in
 * its field `option` and begins its message with it (`maxIter must be an integer ≥ 0, got -1`), and
 * the CLI says the flag there instead.
 */
const FLAGS: Readonly<Record<string, string>> = {
  components: '-k',
  covariance: '--covariance',
  criterion: '--criterion',
  init: '--init',
  maxIter: '--max-iter',
  prior: '--prior',
  regCovar: '--reg-covar',
  restarts: '--restarts',
  seed: '--seed',
  tol: '--tol',
};

/** The one line that reports `error`, without the `gmm-wasm: ` prefix, and the exit status. */
export function describeError(error: unknown): { message: string; exitCode: 1 | 2 } {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0] ?? '';
  if (error instanceof CliError) return { message: line, exitCode: error.exitCode };
  if (error instanceof TypeError || error instanceof RangeError) {
    return { message: asFlag(line, (error as Partial<OptionError>).option), exitCode: 1 };
  }
  return { message: line, exitCode: 1 };
}

/** The message with its leading option name (`init`, also in `init.means[0] …`) said as the CLI's flag. */
function asFlag(line: string, option: string | undefined): string {
  const flag = option === undefined ? undefined : FLAGS[option];
  if (option === undefined || flag === undefined || !line.startsWith(option)) return line;
  // The whole name, not the start of a longer word.
  return /^\w/.test(line.slice(option.length)) ? line : flag + line.slice(option.length);
}
