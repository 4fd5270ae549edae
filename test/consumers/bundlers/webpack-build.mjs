// Runs webpack through its Node API (no webpack-cli): `node webpack-build.mjs <web|node> <entry> <out dir>`.
// Prints webpack's warnings and errors, and exits 1 on an error.
import { resolve } from 'node:path';
import webpack from 'webpack';

const [target, entry, out] = process.argv.slice(2);
const node = target === 'node';
const config = {
  mode: 'production',
  target,
  entry: resolve(entry),
  output: node
    ? { path: resolve(out), filename: 'server.mjs', module: true, chunkFormat: 'module' }
    : { path: resolve(out), filename: 'page.js', publicPath: 'auto' },
  experiments: node ? { outputModule: true } : {},
  // webpack's asset-size recommendations judge the whole test page, not this package: the check is
  // that nothing in gmm-wasm makes webpack warn (unresolvable requests, computed imports).
  performance: { hints: false },
};
webpack(config, (error, stats) => {
  if (error) {
    console.error(error.stack ?? String(error));
    process.exit(1);
  }
  const info = stats.toJson({ all: false, warnings: true, errors: true });
  for (const warning of info.warnings ?? []) console.log(`WARNING ${warning.message}`);
  for (const problem of info.errors ?? []) console.error(`ERROR ${problem.message}`);
  process.exit(stats.hasErrors() ? 1 : 0);
});
