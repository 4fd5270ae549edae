/**
 * The built ESM bundle, `dist/index.js`, as a user's `import` gets it (`npm run build` writes it;
 * `npm test` builds first). The specifier is computed, not a literal, so that typechecking a fresh
 * clone, before anything is built, does not fail on a module that is not there yet.
 */
/** The library's exports, as the sources and every bundle of them present them. */
export type Library = typeof import('../src/index');

/** `dist/index.js`, imported. */
export async function importBuiltLibrary(): Promise<Library> {
  const bundle = new URL('../dist/index.js', import.meta.url).href;
  return (await import(bundle)) as Library;
}
