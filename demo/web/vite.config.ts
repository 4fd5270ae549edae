/**
 * Builds the browser demo: `root` is this folder, the page imports the library from `../../src/index`
 * so it always runs the current sources, and the output lands in `build/demo-web/` at the repo root.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs, so the built folder works from any path and from any static server.
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../build/demo-web/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The page is one screen with an embedded WebAssembly binary; one chunk is the honest size.
    chunkSizeWarningLimit: 1024,
  },
});
