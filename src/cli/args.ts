/**
 * A command's arguments, read with Node's `parseArgs`: unknown options, options without their value
 * and surplus or missing file names are usage errors; values stay strings until a command converts them.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { editDistance } from '../validate/options';
import { shorten } from './delimiter';
import { CliError, UsageError } from './errors';

/** A command's options: `parseArgs`'s configuration, every value a string or a flag. */
export type OptionTable = Readonly<
  Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>
>;

/** What a command line said, checked against its table. */
export interface ParsedArgs {
  /** The arguments that are not options, in order (files, `-`). */
  readonly positionals: readonly string[];
  /** The value of a string option; `undefined` when it was not given. */
  string(name: string): string | undefined;
  /** Whether a boolean option was given. */
  flag(name: string): boolean;
}

/**
 * Reads `argv` (the arguments after the command's name) against `options`.
 * @throws UsageError for an unknown option, a string option without a value, a value given to a flag.
 */
export function parseCommand(command: string, argv: readonly string[], options: OptionTable): ParsedArgs {
  // Not strict: the tokens let the errors below name the option as typed, in the CLI's own words.
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: options as ParseArgsConfig['options'],
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) {
      throw new UsageError(
        `unknown option '${shorten(token.rawName)}'${didYouMean(token.rawName, options)}`,
        command,
      );
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`option '${token.rawName}' takes no value`, command);
    }
    if (spec.type === 'string' && (token.value === undefined || looksLikeOption(token))) {
      throw new UsageError(`option '${token.rawName}' needs a value`, command);
    }
  }
  return {
    positionals,
    string: (name) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    },
    flag: (name) => values[name] === true,
  };
}

/** `-k --seed 1` gives `-k` the value `--seed`: an option forgot its value. A negative number is a value. */
function looksLikeOption(token: { value?: string | undefined; inlineValue?: boolean | undefined }): boolean {
  return !token.inlineValue && /^-(?:-|[A-Za-z])/.test(token.value ?? '');
}

/**
 * Exactly `names.length` file names.
 * @throws UsageError naming the first missing one, or the first surplus argument.
 */
export function filesOf(args: ParsedArgs, command: string, names: readonly string[]): string[] {
  const { positionals } = args;
  const missing = names[positionals.length];
  if (missing !== undefined) throw new UsageError(`${command} needs ${missing}`, command);
  const surplus = positionals[names.length];
  if (surplus !== undefined) throw new UsageError(`unexpected argument '${surplus}'`, command);
  return positionals.slice();
}

/** A string option's value, which must be present. @throws UsageError when it is absent. */
export function required(args: ParsedArgs, command: string, name: string, flag: string): string {
  const value = args.string(name);
  if (value === undefined) throw new UsageError(`${command} needs ${flag}`, command);
  return value;
}

/**
 * `; did you mean '--max-iter'?` for the flag of `options` nearest to `typed` (within 2 edits, or a
 * unique flag it begins), else nothing.
 */
export function didYouMean(typed: string, options: OptionTable): string {
  const bare = typed.replace(/^-+/, '').split('=')[0]?.toLowerCase() ?? '';
  let nearest = '';
  let nearestDistance = 3;
  for (const name of Object.keys(options)) {
    const distance = name.startsWith(bare) && bare.length >= 3 ? 1 : editDistance(bare, name);
    if (distance < nearestDistance) {
      nearest = name;
      nearestDistance = distance;
    }
  }
  return nearest === '' ? '' : `; did you mean '--${nearest}'?`;
}

/** A decimal number: `3`, `-0.5`, `.5`, `1e-3`; not `0x10`, `0b1`, `Infinity` or `' 3 '`. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A decimal integer, as counts and seeds are written. */
const INTEGER = /^[+-]?\d+$/;

/**
 * A numeric option's value, or `undefined` when it is absent. Range checks are the library's.
 * @throws CliError `<flag> must be a number, got '<text>'`.
 */
export function numberOption(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!DECIMAL.test(text)) throw new CliError(`${flag} must be a number, got '${shorten(text)}'`);
  return Number(text);
}

/**
 * An integer option's value (a count, a seed), written in decimal, or `undefined` when it is absent.
 * Range checks are the library's.
 * @throws CliError `<flag> must be a decimal integer, got '<text>'`.
 */
export function integerOption(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!INTEGER.test(text)) throw new CliError(`${flag} must be a decimal integer, got '${shorten(text)}'`);
  return Number(text);
}

/** A comma-separated list, items trimmed. */
export function listOption(text: string | undefined): string[] | undefined {
  return text?.split(',').map((item) => item.trim());
}
