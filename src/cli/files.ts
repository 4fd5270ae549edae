/** Reading and writing the files named on the command line, with errors that name the file. */
import { readFileSync, writeFileSync } from 'node:fs';
import { CliError } from './errors';

/** What a file-system error code means, in words. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * The whole of a UTF-8 text file.
 * @throws CliError `cannot read <file>: <reason>`.
 */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${reason(error)}`);
  }
}

/**
 * Writes `text` to `file`, replacing it.
 * @throws CliError `cannot write <file>: <reason>`.
 */
export function writeText(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && Object.hasOwn(REASONS, code)) return REASONS[code] as string;
  return error instanceof Error ? error.message : String(error);
}
