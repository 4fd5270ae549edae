/**
 * Runs one implementation on one problem in a child process and reads back its JSON line: Node
 * implementations through bench/runner.ts with this process's loader flags (tsx), scikit-learn through
 * bench/sklearn_em.py with one BLAS thread.
 */

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Implementation } from './grid';
import { type PythonInfo, pythonEnv } from './machine';
import type { Outcome } from './timing';

/** A child still running after this long is ended and reported as failed. */
const CHILD_TIMEOUT_MS = 5 * 60_000;

const RUNNER = fileURLToPath(new URL('./runner.ts', import.meta.url));
const SKLEARN = fileURLToPath(new URL('./sklearn_em.py', import.meta.url));

function failed(reason: string): Outcome {
  return { status: 'failed', cell: 'failed', reason };
}

/**
 * Runs `command` and parses the JSON object on the last line of its stdout; a crash, a timeout or a
 * last line that is no JSON object is a reason (the child's error line, or its last words).
 */
export function runJsonChild(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const child = spawnSync(command, args, {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: CHILD_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.error) return { ok: false, reason: child.error.message };
  const lines = child.stdout.trim().split('\n');
  const last = lines[lines.length - 1] ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    const stderr = child.stderr.trim().split('\n');
    const why = stderr.find((line) => /^\w*Error\b/.test(line)) ?? stderr.slice(-3).join(' | ');
    return { ok: false, reason: `exit ${child.status ?? child.signal}: ${why || last}` };
  }
  return { ok: true, value: JSON.parse(last) };
}

export function runImplementation(
  implementation: Implementation,
  dir: string,
  python: PythonInfo | undefined,
): Outcome {
  if (implementation === 'sklearn' && !python) {
    return { status: 'skipped', cell: 'not installed', reason: 'scikit-learn not installed' };
  }
  const [command, args, env] =
    implementation === 'sklearn' && python
      ? [python.executable, [SKLEARN, dir], pythonEnv()]
      : [process.execPath, [...process.execArgv, RUNNER, implementation, dir], process.env];
  const result = runJsonChild(command, args, env);
  return result.ok ? (result.value as Outcome) : failed(result.reason);
}
