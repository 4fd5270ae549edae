/**
 * What the consumer tests share: running a tool and keeping its output, packing the repository with
 * `npm pack` as it would be published, and the record of an output folder's sizes.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Vitest sets NODE_ENV=test, which would make the bundlers build for development. */
export const CHILD_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
};

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command; resolves with its exit code and output instead of throwing, so tests show both. */
export async function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = CHILD_ENV,
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message };
  }
}

/** Like `run`, but a failure is an exception: for the setup steps. */
export async function runOrThrow(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** `npm pack` of the repository into `dir` (the dist/ that the build made); the tarball's path. */
export async function pack(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const packed = await runOrThrow(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', dir],
    REPO,
  );
  return join(dir, (JSON.parse(packed) as { filename: string }[])[0]?.filename ?? '');
}

/**
 * Installs the tarball into `project/node_modules/gmm-wasm` as npm does for a package without
 * dependencies (unpacked, `package/` stripped), leaving the project's own lockfile alone.
 */
export async function unpackInto(tarball: string, project: string): Promise<void> {
  const target = join(project, 'node_modules', 'gmm-wasm');
  await mkdir(target, { recursive: true });
  await runOrThrow('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], project);
}

/** Bytes of every script and binary in `dir`, raw and gzipped, for the record. */
export async function sizes(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((name) => /\.(m?js|wasm)$/.test(name));
  const parts = await Promise.all(
    files.map(async (name) => {
      const bytes = await readFile(join(dir, name));
      return `${name} ${bytes.length} B (${gzipSync(bytes).length} B gzipped)`;
    }),
  );
  return parts.join(', ');
}
