#!/usr/bin/env node
// The gmm-wasm command. The published package runs the built bundle dist/cli.js; a checkout that has
// not been built runs the sources through tsx (a dev dependency) instead.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write("gmm-wasm: dist/cli.js is missing; run 'npm run build' first\n");
    process.exit(1);
  }
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
