/**
 * Defaults live in one place, `FIT_DEFAULTS` and `SELECTION_DEFAULTS` (src/defaults.ts): validation
 * fills absent options from them, and the README's option table, its prose and the TSDoc of
 * `FitOptions` state the same values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIT_DEFAULTS, SELECTION_DEFAULTS } from '../src/defaults';
import { readMatrix, resolveFitOptions } from '../src/validate/index';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const TYPES = readFileSync(new URL('../src/fit-options.ts', import.meta.url), 'utf8');

/** How the documents write a default: `'full'`, `1e-3`, `100`, `false`; √ε for innerTol. */
function written(option: keyof typeof FIT_DEFAULTS): string {
  const value = FIT_DEFAULTS[option];
  if (option === 'innerTol') return '√ε';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' && value !== 0 && Math.abs(value) < 0.01) return value.toExponential();
  return String(value);
}

/** The rows `| \`option\` | default | … |` of the README's table of `fit`'s options. */
function readmeTable(): Map<string, string> {
  const start = README.indexOf("## The API in a user's words");
  const table = README.slice(start)
    .split('\n\n')
    .find((block) => block.startsWith('| option | default |'));
  if (!table) throw new Error("the README has no option table under 'The API in a user's words'");
  const rows = new Map<string, string>();
  for (const line of table.split('\n').slice(2)) {
    const [, option, value] = line.split('|').map((cell) => cell.trim());
    rows.set((option as string).replace(/`/g, ''), (value as string).replace(/`/g, ''));
  }
  return rows;
}

/** Each field of `FitOptions` and the text of its `@defaultValue` tag. */
function tsdocDefaults(): Map<string, string> {
  const start = TYPES.indexOf('export interface FitOptions');
  const body = TYPES.slice(start, TYPES.indexOf('\n}\n', start));
  const tags = new Map<string, string>();
  for (const match of body.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly (\w+)\??:/g)) {
    const tag = /@defaultValue ([^\n]*)/.exec(match[1] as string);
    if (tag) tags.set(match[2] as string, (tag[1] as string).trim());
  }
  return tags;
}

const OPTIONS = Object.keys(FIT_DEFAULTS) as (keyof typeof FIT_DEFAULTS)[];

describe('FIT_DEFAULTS', () => {
  it('is what validation fills in for every absent option', () => {
    const resolved = resolveFitOptions({ components: 1 }, readMatrix([[0], [1]]));
    for (const option of OPTIONS) expect([option, resolved[option]]).toEqual([option, FIT_DEFAULTS[option]]);
    expect(FIT_DEFAULTS.innerTol).toBe(Math.sqrt(Number.EPSILON));
    expect(Object.isFrozen(FIT_DEFAULTS)).toBe(true);
  });

  it('is what each FitOptions field’s @defaultValue says', () => {
    const tags = tsdocDefaults();
    for (const option of OPTIONS) {
      const tag = tags.get(option);
      expect(tag, `@defaultValue of ${option}`).toBeDefined();
      expect([option, (tag as string).startsWith(`\`${written(option)}\``)]).toEqual([option, true]);
    }
  });

  it('is what the README’s option table says, row for row', () => {
    const rows = readmeTable();
    for (const option of OPTIONS) {
      // The inner loop's two options are explained in the mclust section, not the table.
      if (option === 'innerTol' || option === 'innerMaxIter') continue;
      expect([option, rows.get(option)]).toEqual([option, written(option)]);
    }
    expect(rows.get('components')).toBe('required');
    expect(rows.get('seed')).toBe('random');
  });

  it('is what the README’s prose says of the inner loop', () => {
    expect(README).toContain(`\`innerTol\` (default ${written('innerTol')} ≈ 1.5e-8`);
    expect(README).toContain(`\`innerMaxIter\` (default ${written('innerMaxIter')} per M-step`);
  });
});

describe('SELECTION_DEFAULTS', () => {
  it('is what the README says selectModel runs every candidate with', () => {
    expect(README).toContain(
      `Each candidate runs with \`tol\` ${SELECTION_DEFAULTS.tol.toExponential()} and \`maxIter\` ${SELECTION_DEFAULTS.maxIter} unless you pass your own`,
    );
    expect(README).toContain(
      `\`tol\` ${SELECTION_DEFAULTS.tol.toExponential()} (the change\nof the mean log-likelihood per sample, as in \`fit\`) and \`maxIter\` ${SELECTION_DEFAULTS.maxIter}`,
    );
    expect([SELECTION_DEFAULTS.covariance, SELECTION_DEFAULTS.criterion]).toEqual([['full'], 'bic']);
  });
});
