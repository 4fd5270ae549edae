/**
 * Reading and writing the files named on the command line, with errors that name the file. A model
 * file is written whole or not at all: into a temporary file beside it, renamed over it at the end.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors';

/** What a file-system error code means, in words. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
};

/** The file name that means standard input. */
export const STDIN = '-';

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

/** A data file's text, `-` meaning standard input, and how messages name it. */
export function readInput(file: string): { text: string; label: string } {
  if (file !== STDIN) return { text: readText(file), label: file };
  try {
    return { text: readFileSync(0, 'utf8'), label: 'stdin' };
  } catch (error) {
    throw new CliError(`cannot read stdin: ${reason(error)}`);
  }
}

/** A model file being written: `commit` puts the text in place, `discard` leaves the old file as it was. */
export interface PendingOutput {
  /** Writes `text` to the temporary file and renames it over the target. */
  commit(text: string): void;
  /** Removes the temporary file; the target stays as it was. */
  discard(): void;
}

/**
 * Prepares to write `file` before any long work: creates the temporary file beside it now, so that a
 * path that cannot be written fails at once, and the file that is there stays intact until `commit`.
 * @throws CliError `cannot write <file>: <reason>`.
 */
export function prepareOutput(file: string): PendingOutput {
  const fail = (error: unknown): never => {
    throw new CliError(`cannot write ${file}: ${reason(error)}`);
  };
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) fail({ code: 'EISDIR' });
  } catch (error) {
    if (error instanceof CliError) throw error;
    fail(error);
  }
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', 0o644);
  } catch (error) {
    fail(error);
  }
  let open = true;
  const remove = () => {
    if (!open) return;
    open = false;
    try {
      closeSync(fd as number);
    } catch {}
    try {
      unlinkSync(temporary);
    } catch {}
  };
  // Interrupted mid-fit: no temporary file left behind.
  process.once('exit', remove);
  return {
    commit: (text) => {
      try {
        writeSync(fd as number, text);
        closeSync(fd as number);
        open = false;
        renameSync(temporary, file);
      } catch (error) {
        open = true;
        remove();
        fail(error);
      } finally {
        process.removeListener('exit', remove);
      }
    },
    discard: () => {
      remove();
      process.removeListener('exit', remove);
    },
  };
}

/** What went wrong with a file, in words (`no such file or directory`), else the error's message. */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && Object.hasOwn(REASONS, code)) return REASONS[code] as string;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes `text` to `file` whole or not at all (beside it, then renamed).
 * @throws CliError `cannot write <file>: <reason>`.
 */
export function writeText(file: string, text: string): void {
  prepareOutput(file).commit(text);
}
