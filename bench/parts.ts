/**
 * Which parts of `npm run bench` run: all by default; a subset from two environment variables, for
 * a quick look while working (a subset writes bench/results/partial.{md,json}, never latest):
 *
 * - `BENCH_PARTS`: a comma-separated list of `grid` (ms per EM iteration over the shapes),
 *   `workflows` (fit with restarts, model selection) and `missing` (the missing-values row);
 * - `BENCH_SHAPES`: a regular expression the grid's shape labels must match, e.g. `tied|spherical`
 *   or `×32 K`.
 */

import { GRID, type Shape, shapeLabel } from './grid';

export const PARTS = ['grid', 'workflows', 'missing'] as const;
export type Part = (typeof PARTS)[number];

export interface Selection {
  readonly parts: ReadonlySet<Part>;
  readonly shapes: readonly Shape[];
  /** Whether this is less than the whole bench; undefined for the whole. */
  readonly subset: string | undefined;
}

/** The selection from `env`; a RangeError names an unknown part or a pattern matching no shape. */
export function selection(env: NodeJS.ProcessEnv = process.env): Selection {
  const listed = env.BENCH_PARTS?.split(',').map((part) => part.trim()) ?? [...PARTS];
  const unknown = listed.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) {
    throw new RangeError(
      `BENCH_PARTS: unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`,
    );
  }
  const pattern = env.BENCH_SHAPES ? new RegExp(env.BENCH_SHAPES) : undefined;
  const shapes = pattern ? GRID.filter((shape) => pattern.test(shapeLabel(shape))) : GRID;
  if (shapes.length === 0) throw new RangeError(`BENCH_SHAPES: /${env.BENCH_SHAPES}/ matches no shape`);
  const described = [
    ...(env.BENCH_PARTS ? [`BENCH_PARTS=${env.BENCH_PARTS}`] : []),
    ...(env.BENCH_SHAPES ? [`BENCH_SHAPES=${env.BENCH_SHAPES}`] : []),
  ];
  return {
    parts: new Set(listed as Part[]),
    shapes,
    subset: described.length > 0 ? described.join(' ') : undefined,
  };
}
