// A Next.js route handler (server side, bundled by Next: Turbopack or webpack): fits the dataset
// inline and with two workers, and answers with both results.
import { GaussianMixture } from 'gmm-wasm';
import X from '../../../dataset.js';

export const dynamic = 'force-dynamic';

export async function GET() {
  const inline = await GaussianMixture.fit(X, { components: 3, seed: 7 });
  const pooled = await GaussianMixture.fit(X, { components: 3, seed: 7, workers: 2 });
  return Response.json({
    labels: Array.from(inline.predict(X)),
    logLikelihood: inline.logLikelihood,
    pooledLabels: Array.from(pooled.predict(X)),
    pooledLogLikelihood: pooled.logLikelihood,
  });
}
