/** Plain-text layout for the demo's terminal report: aligned tables, fixed-point numbers, wrapping, sparklines. */

/** Which side of its column a cell sits on. */
export type Align = 'left' | 'right';

/** Options of {@link table}. */
export interface TableOptions {
  /** Alignment per column; missing entries are left for column 0 and right for the rest (numbers). */
  readonly align?: readonly Align[];
  /** Spaces between columns; default 2. */
  readonly gap?: number;
  /** Spaces before every line; default 2. */
  readonly indent?: number;
}

const SPARK_LEVELS = '▁▂▃▄▅▆▇█';

/**
 * Lays out rows of cells as aligned columns, each as wide as its widest cell; rows may be ragged.
 * @returns One string per row, trailing spaces removed.
 */
export function table(rows: readonly (readonly string[])[], options: TableOptions = {}): string[] {
  const { align = [], gap = 2, indent = 2 } = options;
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, j) => {
      widths[j] = Math.max(widths[j] ?? 0, width(cell));
    });
  }
  return rows.map((row) => {
    const cells = row.map((cell, j) => {
      const side = align[j] ?? (j === 0 ? 'left' : 'right');
      return pad(cell, widths[j] ?? 0, side);
    });
    return (' '.repeat(indent) + cells.join(' '.repeat(gap))).trimEnd();
  });
}

/** `value` with `digits` decimals; a negative zero prints as zero. */
export function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A one-line chart of `values`, lowest as ▁ and highest as █ (all ▄ when they are equal). */
export function sparkline(values: readonly number[]): string {
  const low = Math.min(...values);
  const range = Math.max(...values) - low;
  const top = SPARK_LEVELS.length - 1;
  return values
    .map((value) => SPARK_LEVELS[range > 0 ? Math.round(((value - low) / range) * top) : Math.floor(top / 2)])
    .join('');
}

/** Splits `text` at spaces into lines of at most `columns` characters (a longer word gets a line of its own). */
export function wrap(text: string, columns: number, indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > columns) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** A section title underlined to its width, preceded by a blank line. */
export function heading(title: string): string[] {
  return ['', title, '─'.repeat(width(title))];
}

/** Display width in terminal cells: every code point counts as one (the demo prints no wide characters). */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, to: number, side: Align): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return side === 'left' ? text + fill : fill + text;
}

/** A setting as people write it: 0.001 → "1e-3", 0.5 → "0.5". */
export function scientific(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? value.toExponential() : String(value);
}
