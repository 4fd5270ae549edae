/**
 * What the README tests share: its fenced blocks by language, and the numeric Iris file its
 * streaming examples read as `huge.csv`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's fenced blocks of one language, in order. */
export function readmeBlocks(language: string): string[] {
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  return [...README.matchAll(fence)].map((match) => match[1] as string);
}

/**
 * Iris' four measurements as a CSV, with its header line or without it (for a reader that maps
 * every line to numbers).
 */
export function numericIrisCsv(header: boolean): string {
  const lines = readFileSync(join(ROOT, 'demo', 'data', 'iris.csv'), 'utf8')
    .trim()
    .split('\n');
  const rows = header ? lines : lines.slice(1);
  return `${rows.map((line) => line.split(',').slice(0, 4).join(',')).join('\n')}\n`;
}
