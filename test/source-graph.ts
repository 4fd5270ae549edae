/**
 * The repository's sources as a graph of imports, for the tests that keep the code's shape:
 * test/architecture.test.ts (the layers' rules) and test/code-shape.test.ts (cycles, file sizes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
/** Generated and committed (see ARCHITECTURE.md), never edited by hand. */
export const GENERATED = ['src/wasm/binary.ts', 'src/workers/worker-source.ts'];

/** A repository file's text. */
export const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Source files under a directory, relative to the repository, without the generated ones. */
export function sources(dir: string, extension = '.ts'): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .map((file) => join(dir, file).split('\\').join('/'))
    .filter((file) => file.endsWith(extension) && !GENERATED.includes(file))
    .sort();
}

/** Every module specifier a file imports or re-exports, statically or by a literal dynamic import. */
export function specifiers(file: string): string[] {
  const text = read(file);
  const found: string[] = [];
  for (const match of text.matchAll(
    /\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|^\s*import\s+'([^']+)'/gm,
  )) {
    found.push((match[1] ?? match[2] ?? match[3]) as string);
  }
  return found;
}

/** The repository path a relative specifier of `file` names (with `.ts` added), or the package name. */
export function resolve(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const path = normalize(join(dirname(file), specifier))
    .split('\\')
    .join('/');
  return /\.[cm]?[jt]s$/.test(path) ? path : `${path}.ts`;
}

/** The repository paths (or package names) a file imports. */
export const imports = (file: string) => specifiers(file).map((specifier) => resolve(file, specifier));

/** The files among `files` whose imports include one that `bad` accepts, with what they import. */
export function offenders(files: string[], bad: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    imports(file)
      .filter((target) => bad(target, file))
      .map((target) => `${file} -> ${target}`),
  );
}
