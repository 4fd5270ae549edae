/**
 * The shape of the code that ARCHITECTURE.md promises: no import cycle in src/ (type imports count:
 * a reader follows them too), and no file in src/ or assembly/ over 300 lines but those still to be
 * split, each listed below until it is.
 */
import { describe, expect, it } from 'vitest';
import { imports, read, sources } from './source-graph';

/** The most lines a source file may have: one sitting's reading. */
const MAX_LINES = 300;

/**
 * Files still over the limit, to be split; a file leaves the list when it is. Listing one that is
 * already within the limit fails too, so the list only shrinks.
 */
const STILL_TO_SPLIT: readonly string[] = [];

const SRC = sources('src');
const lines = (file: string) => read(file).split('\n').length - (read(file).endsWith('\n') ? 1 : 0);

/** Every cycle of the import graph of `files`, each as the path that closes it, found by depth-first search. */
function cycles(files: readonly string[], importsOf: (file: string) => string[] = imports): string[] {
  const inside = new Set(files);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const found: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const target of importsOf(file)) {
      if (!inside.has(target)) continue;
      if (state.get(target) === 'open')
        found.push([...path.slice(path.indexOf(target)), target].join(' -> '));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('the shape of the code', () => {
  it('src/ has no import cycle', () => {
    expect(SRC.length).toBeGreaterThan(100);
    expect(cycles(SRC)).toEqual([]);
  });

  it('finds a cycle where there is one', () => {
    // The search itself, on a graph that has one: the test above could not fail without it.
    const graph: Record<string, string[]> = { a: ['b', 'd'], b: ['c'], c: ['a'], d: ['d'], e: ['a'] };
    expect(cycles(Object.keys(graph), (file) => graph[file] ?? [])).toEqual(['a -> b -> c -> a', 'd -> d']);
  });

  it(`no file in src/ or assembly/ has more than ${MAX_LINES} lines but those still to be split`, () => {
    const over = [...SRC, ...sources('assembly')].filter((file) => lines(file) > MAX_LINES);
    expect(over.filter((file) => !STILL_TO_SPLIT.includes(file))).toEqual([]);
    expect(STILL_TO_SPLIT.filter((file) => !over.includes(file))).toEqual([]);
  });
});
