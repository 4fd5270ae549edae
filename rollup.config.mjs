// Builds the published bundles: ESM and CommonJS, each self-contained (the wasm binary is embedded
// and the loader inlined), so they run in Node and in browsers with no bundler configuration.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

export default {
  input: 'src/index.ts',
  output: [
    { file: 'dist/index.js', format: 'es', sourcemap: true },
    { file: 'dist/index.cjs', format: 'cjs', sourcemap: true, exports: 'named' },
  ],
  plugins: [nodeResolve(), typescript({ tsconfig: './tsconfig.build.json' })],
};
