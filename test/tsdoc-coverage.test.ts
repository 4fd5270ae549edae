/**
 * TSDoc on every export, internal modules included: test/api-docs.test.ts holds what the package's
 * entry points reach to typedoc, this holds the rest of src/ to the same rule with the TypeScript
 * parser. Every exported declaration (function, class, interface, type, variable, enum), every
 * member of an exported interface or object type, and every public member of an exported class
 * needs a leading `/** … *\/` comment; a class member that implements a member of a named interface
 * takes that member's comment, and constructors are described by their class. In assembly/, where
 * the kernels' headers are line comments as often as not, every `export` needs a leading comment of
 * either kind (a text scan: the files hold only top-level declarations).
 */
import { describe, expect, it } from 'vitest';
import { read, sources } from './source-graph';
import { uncommentedAssemblyExports, undocumentedExports } from './tsdoc-check';

describe('TSDoc on every export', () => {
  it('src/: every exported declaration, interface member and public class member has its comment', () => {
    const files = sources('src').map((file) => ({ file, text: read(file) }));
    expect(files.length).toBeGreaterThan(100);
    expect(undocumentedExports(files)).toEqual([]);
  });

  it('assembly/ and assembly/f32/: every export has a leading comment', () => {
    const files = sources('assembly').filter((file) => /^assembly\/(f32\/)?[^/]+\.ts$/.test(file));
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => uncommentedAssemblyExports({ file, text: read(file) }))).toEqual([]);
  });

  it('reports what has no comment, and only that', () => {
    const shapes = [
      '/** Documented. */',
      'export const documented = 1;',
      'export function bare(): void {}',
      '// A line comment is not TSDoc.',
      'export type Line = number;',
      '/** */',
      'export let empty = 2;',
      '/** Has members. */',
      'export interface Shape {',
      '  /** Documented. */',
      '  readonly a: number;',
      '  b(): void;',
      '}',
      '/** An object type. */',
      'export type Options = { readonly c?: number };',
      '/** Implements Shape. */',
      'export class Square implements Shape {',
      '  constructor(readonly a: number) {}',
      '  b(): void {}',
      '  /** Its own, documented. */',
      '  area(): number { return this.a ** 2; }',
      '  perimeter(): number { return 4 * this.a; }',
      '  private hidden = 0;',
      '  #secret = 0;',
      '}',
      'function local(): void {}',
      'export { local };',
    ].join('\n');
    expect(undocumentedExports([{ file: 'shapes.ts', text: shapes }])).toEqual([
      'shapes.ts:3 bare',
      'shapes.ts:5 Line',
      'shapes.ts:7 empty',
      'shapes.ts:12 Shape.b',
      'shapes.ts:15 Options.c',
      'shapes.ts:22 Square.perimeter',
    ]);
    const kernel = [
      '// Documented by a line comment.',
      '@inline',
      'export function a(): void {}',
      '',
      'export function b(): void {}',
      '/** Documented by a block. */',
      'export const c: i32 = 1;',
      "export { d } from './d';",
    ].join('\n');
    expect(uncommentedAssemblyExports({ file: 'k.ts', text: kernel })).toEqual(['k.ts:5']);
  });
});
