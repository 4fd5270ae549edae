/**
 * The API reference: typedoc builds docs/api/ from the package's entry points, which must be exactly
 * those of package.json's `exports` (so a new entry point is documented too), and must print no
 * warning at all. typedoc.json makes an undocumented export (any class, function, method, property,
 * interface, type, variable or accessor reachable from an entry point), a type that is used but not
 * exported, or a broken link a warning: add a TSDoc comment (meaning, default, shape, @throws) to
 * whatever you export. A second run on a scratch module shows that an undocumented export fails.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPEDOC = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');

/** typedoc's warnings and errors, one per line, without colours or its closing count. */
async function typedocProblems(args: readonly string[], cwd: string): Promise<string[]> {
  // Warnings are reported here, one by one, rather than failing typedoc at the first. Source links
  // are not what this checks: without them typedoc needs no git remote (a clone without `origin`
  // would otherwise warn that the links will be broken).
  const all = [
    TYPEDOC,
    '--logLevel',
    'Warn',
    '--treatWarningsAsErrors',
    'false',
    '--disableSources',
    ...args,
  ];
  const output = await promisify(execFile)(process.execPath, all, { cwd }).then(
    ({ stdout, stderr }) => stdout + stderr,
    (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
  );
  return output
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .filter((line) => line.startsWith('[warning]') || line.startsWith('[error]'))
    .filter((line) => !/^\[warning\] Found \d+ errors and \d+ warnings$/.test(line));
}

/** The TypeScript source of each entry point in package.json's `exports` (`./dist/x.d.ts` → `src/x.ts`). */
async function exportedEntryPoints(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { import?: { types?: string } }>;
  };
  return Object.values(manifest.exports)
    .map((target) => (typeof target === 'object' ? target.import?.types : undefined))
    .filter((types): types is string => types !== undefined)
    .map((types) => types.replace(/^\.\/dist\/(.+)\.d\.ts$/, 'src/$1.ts'))
    .sort();
}

it('typedoc documents every entry point of the package, and every export of each has its TSDoc', async () => {
  const config = JSON.parse(await readFile(join(ROOT, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
  const entryPoints = await exportedEntryPoints();
  expect(entryPoints).toEqual(['src/index.ts', 'src/slim.ts']);
  expect([...config.entryPoints].sort()).toEqual(entryPoints);
  expect(await typedocProblems([], ROOT)).toEqual([]);
}, 300_000);

it('an undocumented export, or an exported function with an undocumented field, fails that check', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'gmm-wasm-api-docs-'));
  try {
    await writeFile(
      join(scratch, 'entry.ts'),
      [
        '/** Documented. */',
        'export function documented(): { plain: number } {',
        '  return { plain: 1 };',
        '}',
        'export const bare = 2;',
        '',
      ].join('\n'),
    );
    const tsconfig = {
      compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext' },
      files: ['entry.ts'],
    };
    await writeFile(join(scratch, 'tsconfig.json'), JSON.stringify(tsconfig));
    const settings = JSON.parse(await readFile(join(ROOT, 'typedoc.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const { $schema: _, entryPoints: __, tsconfig: ___, out: ____, ...shared } = settings;
    await writeFile(
      join(scratch, 'typedoc.json'),
      JSON.stringify({ ...shared, entryPoints: ['entry.ts'], tsconfig: 'tsconfig.json', out: 'api' }),
    );
    const problems = await typedocProblems([], scratch);
    expect(problems.some((line) => /\bbare \(Variable\).*does not have any documentation/.test(line))).toBe(
      true,
    );
    expect(problems.some((line) => /\bplain \(Property\).*does not have any documentation/.test(line))).toBe(
      true,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}, 300_000);
