/**
 * The README's `ts` blocks, run verbatim in Node. They are written as a user would read them, so they
 * name data they do not build (`X`, `XWithNaN`, `sampleRows`, `machines`, `socket`, `render`) and leave
 * the library's imports to the text around them. Each block runs as an ES module after a prelude that
 * imports the package by name and defines exactly the free names the block uses and does not declare
 * itself: Iris for the tables, a file `huge.csv` of Iris' numbers in the working directory, four
 * "machines" that each hold a quarter of the rows, and a socket that delivers Iris in five batches.
 * Types are stripped with esbuild, nothing else is changed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { transform } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { numericIrisCsv, ROOT, readmeBlocks } from './readme-blocks';

const scratch = mkdtempSync(join(tmpdir(), 'gmm-wasm-readme-ts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sketches = readmeBlocks('ts');

/** The library names a block may use without importing them, as the README's prose does. */
const LIBRARY = [
  'GaussianMixture',
  'BayesianGaussianMixture',
  'OnlineGaussianMixture',
  'selectModel',
  'mergeStatistics',
];

/** Iris' four measurements, read once by the prelude. */
const IRIS = `const IRIS = (await import('node:fs')).readFileSync(${JSON.stringify(
  join(ROOT, 'demo', 'data', 'iris.csv'),
)}, 'utf8').trim().split('\\n').slice(1).map((line) => line.split(',').slice(0, 4).map(Number));`;

/** The placeholders a block may name, each defined from Iris. */
const PLACEHOLDERS: Record<string, string> = {
  X: 'const X = IRIS;',
  // A fixed pattern of holes: one value in five, never a whole row.
  XWithNaN: 'const XWithNaN = IRIS.map((row, i) => row.map((v, j) => ((i * 4 + j) % 5 === 2 ? NaN : v)));',
  sampleRows: 'const sampleRows = IRIS.filter((_, i) => i % 3 === 0);',
  machines:
    'const machines = [0, 1, 2, 3].map((m) => ({ run: async (task) => task(IRIS.filter((_, i) => i % 4 === m)) }));',
  socket:
    "const socket = new (await import('node:events')).EventEmitter();\n" +
    "const deliver = async () => { for (let b = 0; b < 5; b++) for (const listener of socket.listeners('batch')) await listener(IRIS.filter((_, i) => i % 5 === b)); };",
  render: 'const rendered = []; const render = (labels) => rendered.push(labels.length);',
};

/** Whether `name` is declared by the block itself (a binding or an import). */
function declares(code: string, name: string): boolean {
  return (
    new RegExp(`\\b(const|let|var|function\\*?|class)\\s+${name}\\b`).test(code) ||
    new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(code)
  );
}

/** Whether the block uses `name` as a free identifier. */
function uses(code: string, name: string): boolean {
  return new RegExp(`(^|[^.\\w])${name}\\b`).test(code);
}

/** The module that runs one block: imports, placeholders, the block, then the socket's batches. */
function program(code: string): string {
  const imports = LIBRARY.filter((name) => uses(code, name) && !declares(code, name));
  const needs = Object.keys(PLACEHOLDERS).filter((name) => uses(code, name) && !declares(code, name));
  const prelude = [
    imports.length > 0 ? `import { ${imports.join(', ')} } from 'gmm-wasm';` : '',
    IRIS,
    ...needs.map((name) => PLACEHOLDERS[name]),
  ];
  const epilogue = needs.includes('socket') ? ['await deliver();'] : [];
  if (needs.includes('render'))
    epilogue.push("if (rendered.length === 0) throw new Error('render was never called');");
  return [...prelude, code, ...epilogue].join('\n');
}

const run = promisify(execFile);

describe("the README's ts sketches, verbatim with their placeholders filled in", () => {
  it('there are sketches to run', () => {
    expect(sketches.length).toBeGreaterThanOrEqual(7);
  });

  it.each(sketches.map((code, i) => [i + 1, code]))('ts example %i runs in Node', async (index, code) => {
    const { code: js } = await transform(program(code as string), { loader: 'ts', format: 'esm' });
    // Inside the repository, so that `gmm-wasm` resolves to the package itself (dist/).
    mkdirSync(join(ROOT, 'build'), { recursive: true });
    const file = join(ROOT, 'build', `readme-sketch-${index}.mjs`);
    writeFileSync(file, js);
    const cwd = mkdtempSync(join(scratch, 'run-'));
    writeFileSync(join(cwd, 'huge.csv'), numericIrisCsv(false));
    const { stderr } = await run(process.execPath, [file], { cwd });
    expect(stderr).toBe('');
  });
});
