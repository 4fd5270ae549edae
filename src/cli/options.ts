/**
 * The EM options that `fit` and `select` share, from flags to the library's `FitOptions`. Values are
 * only turned into numbers here: their ranges are checked by the library, whose messages the CLI reuses.
 */
import type { FitOptions, InitMethod } from '../index';
import { integerOption, numberOption, type OptionTable, type ParsedArgs } from './args';
import type { CsvOptions } from './csv';
import { CliError } from './errors';
import { MISSING_OPTIONS } from './missing';

/** Flags of every command. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies OptionTable;

/** Flags that say how to read a data file, shared by every command. */
export const DATA_OPTIONS = {
  columns: { type: 'string' },
  delimiter: { type: 'string', short: 'd' },
} as const satisfies OptionTable;

/** How to read the data file, from the flags (and the columns a saved model remembers). */
export function csvOptions(
  args: ParsedArgs,
  modelColumns?: readonly string[],
  missing?: ReadonlySet<string>,
): CsvOptions {
  return { columns: args.string('columns'), delimiter: args.string('delimiter'), modelColumns, missing };
}

/** Flags of the EM fit, shared by `fit` and `select`. */
export const EM_OPTIONS = {
  ...HELP_OPTION,
  ...DATA_OPTIONS,
  components: { type: 'string', short: 'k' },
  covariance: { type: 'string' },
  standardize: { type: 'boolean' },
  seed: { type: 'string' },
  restarts: { type: 'string' },
  'max-iter': { type: 'string' },
  tol: { type: 'string' },
  'reg-covar': { type: 'string' },
  init: { type: 'string' },
  prior: { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  ...MISSING_OPTIONS,
} as const satisfies OptionTable;

/** The initialisation methods a flag can name (an explicit start needs the API). */
const INIT_METHODS: readonly InitMethod[] = [
  'random',
  'kmeans',
  'kmeans++',
  'random-from-data',
  'hierarchical',
];

/** The shared EM options that were given; absent ones are left to the library's defaults. */
export type EmOptions = Omit<FitOptions, 'components' | 'covariance'>;

/**
 * Reads the shared EM flags.
 * @throws CliError for a value that is not a number, or an unknown `--init`.
 */
export function emOptions(args: ParsedArgs): EmOptions {
  const options: Record<string, unknown> = {
    init: initMethod(args.string('init')),
    restarts: integerOption(args.string('restarts'), '--restarts'),
    maxIter: integerOption(args.string('max-iter'), '--max-iter'),
    tol: numberOption(args.string('tol'), '--tol'),
    regCovar: numberOption(args.string('reg-covar'), '--reg-covar'),
    seed: integerOption(args.string('seed'), '--seed'),
    standardize: args.flag('standardize'),
    missing: args.flag('missing') || args.string('na-values') !== undefined ? 'em' : undefined,
    prior: args.flag('prior') ? 'default' : undefined,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as EmOptions;
}

function initMethod(text: string | undefined): InitMethod | undefined {
  if (text === undefined) return undefined;
  if (!(INIT_METHODS as readonly string[]).includes(text)) {
    const choices = INIT_METHODS.map((method) => `'${method}'`).join(', ');
    throw new CliError(`--init must be one of ${choices}, got '${text}'`);
  }
  return text as InitMethod;
}
