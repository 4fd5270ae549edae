// Bundles the statistics worker (src/workers/worker-main.ts) into one script, which
// scripts/embed-worker.mjs embeds as a string: workers then start with no file to serve.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

export default {
  input: 'src/workers/worker-main.ts',
  output: { file: 'build/worker.js', format: 'iife', plugins: [terser()] },
  plugins: [
    nodeResolve(),
    typescript({
      tsconfig: './tsconfig.build.json',
      outDir: 'build',
      declaration: false,
      declarationDir: undefined,
    }),
  ],
};
