/**
 * Runs the `gmm-wasm` command line as a user runs it, in a subprocess, for the CLI stream tests. The
 * built command (`dist/cli.js`, which `npm run build` writes and `npm run check` and CI build before
 * the tests) starts in a tenth of a second; the sources through tsx take about 1.6 s of CPU per
 * process, which for the thirty-odd processes of a stream test file was most of its time on a busy
 * machine. The built command is used only when it is newer than every file under src/ (a stale build
 * would test old code); otherwise, as after an edit without a rebuild, the sources run through tsx.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, the subprocess's working directory. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What one run of the command line gave: its exit status and both streams. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const time = entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function builtIsFresh(): boolean {
  try {
    return statSync(join(ROOT, 'dist/cli.js')).mtimeMs > newestModification(join(ROOT, 'src'));
  } catch {
    return false;
  }
}

/** The node arguments that start the command line: the fresh build, else the sources through tsx. */
export const CLI_ENTRY: readonly string[] = builtIsFresh()
  ? ['dist/cli.js']
  : ['--import', 'tsx', 'src/cli/main.ts'];

/** Runs `gmm-wasm <args>` with `input` on stdin, from the repository's root. */
export function runCli(args: readonly string[], input = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...CLI_ENTRY, ...args],
      { cwd: ROOT, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}
