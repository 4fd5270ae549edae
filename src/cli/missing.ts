/**
 * Missing values on the command line: `--missing` reads the usual spellings of a missing cell as
 * missing (NaN to the library, which then fits with `missing: 'em'`); `--na-values` says which
 * spellings those are.
 */
import type { OptionTable, ParsedArgs } from './args';

/** The flags that read missing cells. */
export const MISSING_OPTIONS = {
  missing: { type: 'boolean' },
  'na-values': { type: 'string' },
} as const satisfies OptionTable;

/** What `--missing` counts as missing when `--na-values` does not say: an empty cell, NA, NaN, ?. */
export const DEFAULT_NA_VALUES: readonly string[] = ['', 'NA', 'NaN', '?'];

/** Help lines for the flags. */
export const MISSING_HELP = `  --missing            read empty cells, NA, NaN and ? as missing values, fitted by EM
  --na-values LIST     the spellings of a missing value, comma-separated (implies --missing;
                       an empty item, as in 'NA,', is the empty cell)`;

/**
 * The cell texts that mean "missing", or undefined when the command line asked for none.
 * @param always - read missing values even without `--missing` (as `impute` does).
 */
export function naValues(args: ParsedArgs, always = false): ReadonlySet<string> | undefined {
  const list = args.string('na-values');
  if (list !== undefined) return new Set(list.split(',').map((item) => item.trim()));
  return args.flag('missing') || always ? new Set(DEFAULT_NA_VALUES) : undefined;
}
