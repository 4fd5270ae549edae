// Builds the published bundles: ESM and CommonJS, each self-contained (the loader inlined), so they
// run in Node and in browsers with no bundler configuration. The full entry embeds the wasm binaries;
// the slim entry swaps them for nothing and expects `ready(source)`.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

/**
 * Resolves src/wasm/binary.ts and src/workers/worker-source.ts to modules without them, for the slim
 * entry: it takes the binary from `ready(source)` and the worker from `workerUrl`.
 */
function withoutEmbeddedBinaries() {
  const binaries = '\0gmm-wasm:no-binaries';
  const worker = '\0gmm-wasm:no-worker';
  return {
    name: 'without-embedded-binaries',
    resolveId(source, importer) {
      if (source === './binary' && importer?.includes('/src/wasm/')) return binaries;
      if (source === './worker-source' && importer?.includes('/src/workers/')) return worker;
      return null;
    },
    load(request) {
      if (request === binaries) {
        return 'export const wasmBase64 = undefined;\nexport const wasmScalarBase64 = undefined;\n';
      }
      return request === worker ? 'export const workerSource = undefined;\n' : null;
    },
  };
}

/**
 * Minified, but in short lines and with the functions' own names: Node prints the source line of an
 * uncaught error's throw site, which is then one short line of the library (never the whole bundle
 * with the embedded binary in it), and its stack names the library's functions.
 */
const READABLE = { keep_classnames: true, keep_fnames: true, format: { max_line_len: 160 } };

const bundle = (input, name, extraPlugins = []) => ({
  input,
  output: [
    { file: `dist/${name}.js`, format: 'es', sourcemap: true, plugins: [terser(READABLE)] },
    {
      file: `dist/${name}.cjs`,
      format: 'cjs',
      sourcemap: true,
      exports: 'named',
      plugins: [terser(READABLE)],
    },
  ],
  plugins: [
    ...extraPlugins,
    nodeResolve(),
    typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined }),
  ],
});

/**
 * The command-line tool: ESM only (it awaits at top level), with csv-parse bundled in, so that the
 * package has no runtime dependency for the library's users to install.
 */
const cli = {
  input: 'src/cli/main.ts',
  output: { file: 'dist/cli.js', format: 'es', plugins: [terser()] },
  external: [/^node:/],
  // csv-parse's own modules import each other in a cycle, harmlessly: not ours to report.
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
      return;
    warn(warning);
  },
  plugins: [
    nodeResolve(),
    typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined }),
  ],
};

/**
 * One declaration file per entry, with no relative imports left for `nodenext` to trip over, written
 * twice: `.d.ts` for `import` and `.d.cts` for `require`, which TypeScript reads as CommonJS.
 */
const declarations = (input, name) => ({
  input,
  output: [
    { file: `dist/${name}.d.ts`, format: 'es' },
    { file: `dist/${name}.d.cts`, format: 'es' },
  ],
  plugins: [dts({ tsconfig: './tsconfig.build.json' })],
});

export default [
  bundle('src/index.ts', 'index'),
  declarations('src/index.ts', 'index'),
  declarations('src/slim.ts', 'slim'),
  bundle('src/slim.ts', 'slim', [withoutEmbeddedBinaries()]),
  cli,
];
