// Builds the published bundles: ESM and CommonJS, each self-contained (the loader inlined), so they
// run in Node and in browsers with no bundler configuration. The full entry embeds the wasm binaries;
// the slim entry swaps them for nothing and expects `ready(source)`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** Resolves src/wasm/binary.ts to a module without binaries, for the slim entry. */
function withoutEmbeddedBinaries() {
  const id = '\0gmm-wasm:no-binaries';
  return {
    name: 'without-embedded-binaries',
    resolveId(source, importer) {
      return source === './binary' && importer?.includes('/src/wasm/') ? id : null;
    },
    load(request) {
      return request === id
        ? 'export const wasmBase64 = undefined;\nexport const wasmScalarBase64 = undefined;\n'
        : null;
    },
  };
}

const bundle = (input, name, extraPlugins = [], declarations = false) => ({
  input,
  output: [
    { file: `dist/${name}.js`, format: 'es', sourcemap: true, plugins: [terser()] },
    { file: `dist/${name}.cjs`, format: 'cjs', sourcemap: true, exports: 'named', plugins: [terser()] },
  ],
  plugins: [
    ...extraPlugins,
    nodeResolve(),
    typescript({
      tsconfig: './tsconfig.build.json',
      ...(declarations ? {} : { declaration: false, declarationDir: undefined }),
    }),
  ],
});

/** The command-line tool: ESM only (it awaits at top level); csv-parse stays a dependency. */
const cli = {
  input: 'src/cli/main.ts',
  output: { file: 'dist/cli.js', format: 'es', plugins: [terser()] },
  external: [/^node:/, /^csv-parse(\/|$)/],
  plugins: [
    nodeResolve(),
    typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined }),
  ],
};

export default [
  bundle('src/index.ts', 'index', [], true),
  bundle('src/slim.ts', 'slim', [withoutEmbeddedBinaries()]),
  cli,
];
