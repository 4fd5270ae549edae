/**
 * The field delimiter of a data file: `--delimiter` when given, else detected from the first line, so
 * that R's `write.csv2` (`;`, with decimal commas) and tab-separated files read without a flag.
 */
import { CliError } from './errors';

/** Detection's candidates, in the order that breaks a tie. */
const CANDIDATES = [',', '\t', ';'] as const;

/** What `--delimiter` may name in words. */
const NAMED: Readonly<Record<string, string>> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';' };

/**
 * The delimiter `--delimiter` names: one character, or `tab` (also `\t`), `comma`, `semicolon`.
 * @throws CliError for anything else, a quote or a line break.
 */
export function delimiterOption(text: string): string {
  const delimiter = Object.hasOwn(NAMED, text) ? (NAMED[text] as string) : text;
  if ([...delimiter].length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new CliError(`--delimiter must be one character or 'tab', got '${shorten(text)}'`);
  }
  return delimiter;
}

/**
 * The candidate that occurs most often outside quotes in the first non-blank line of `text`; a
 * comma when none occurs (a file of one column).
 */
export function detectDelimiter(text: string): string {
  const line = firstLine(text);
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATES) {
    const count = countOutsideQuotes(line, candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/, 64)) if (line.trim() !== '') return line;
  return '';
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/** How a delimiter is named in a message: tab in words, the others as themselves. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

/** At most 40 characters of `text`, so that a huge value never makes a huge message. */
export function shorten(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}
