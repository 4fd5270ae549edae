// The built bundles, imported as a user would: ESM `import` and CommonJS `require` give the same model.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { importBuiltLibrary, type Library } from './built-library';
import { TWO_CLUSTERS } from './helpers';

const require = createRequire(import.meta.url);

const X = TWO_CLUSTERS;

async function fitWith(library: Library) {
  const model = await library.GaussianMixture.fit(X, { components: 2, seed: 7, regCovar: 1e-3 });
  return { means: model.means, labels: Array.from(model.predict(X)), logLikelihood: model.logLikelihood };
}

describe('published bundles', () => {
  it('the ESM and CommonJS bundles fit identically to the sources', async () => {
    const esm = await importBuiltLibrary();
    const cjs = require('../dist/index.cjs') as unknown as Library;
    const source = await fitWith(await import('../src/index'));
    expect(await fitWith(esm)).toEqual(source);
    expect(await fitWith(cjs)).toEqual(source);
    expect(source.labels[0]).not.toBe(source.labels[3]);
  });

  it('export ready() and reject unknown options the same way', async () => {
    const esm = await importBuiltLibrary();
    await expect(esm.ready()).resolves.toBeUndefined();
    await expect(esm.GaussianMixture.fit(X, { components: 2, maxIters: 3 } as never)).rejects.toThrow(
      "unknown option 'maxIters'; did you mean 'maxIter'?",
    );
  });
});
