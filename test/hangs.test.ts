// Work that once never ended, or held the event loop for seconds: every loop is bounded, and long
// work yields between kernel calls, so the heartbeat below never waits more than 250 ms (measured
// as the CPU time this process burnt meanwhile, so a busy machine cannot fail it, see heartbeat.ts).
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture, NumericalFailureError, selectModel } from '../src/index';
import { startHeartbeat } from './heartbeat';
import { expectRejection, mulberry32, standardNormal } from './helpers';

const BLOCKED_MS = 250;

/** N rows of D features around five centres, seeded. */
function clusters(seed: number, rows: number, d: number): Float64Array {
  const random = mulberry32(seed);
  const data = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < d; j++) data[i * d + j] = 8 * ((i + j) % 5) + standardNormal(random);
  return data;
}

async function withHeartbeat<T>(work: () => Promise<T>): Promise<{ result: T | Error; blockedMs: number }> {
  const heartbeat = startHeartbeat();
  let result: T | Error;
  try {
    result = await work();
  } catch (error) {
    result = error as Error;
  }
  return { result, blockedMs: heartbeat.stop().blockedMs };
}

const OVERFLOW_ADVICE =
  'the variance of feature 0 overflows a double (its values spread beyond ±1.3e154); rescale the data or set standardize: true';

describe('bounded loops', () => {
  it.each<CovarianceType>(['full', 'tied', 'diag', 'spherical'])(
    '%s: values of ±1e200 are an Error saying what to do, not an endless re-seeding loop',
    async (covariance) => {
      await expectRejection(
        GaussianMixture.fit([[1e200], [-1e200]], { components: 1, covariance }),
        NumericalFailureError,
        OVERFLOW_ADVICE,
      );
      await expectRejection(
        GaussianMixture.fit([[1e200], [-1e200], [3e199]], { components: 2, covariance, init: 'kmeans' }),
        NumericalFailureError,
        OVERFLOW_ADVICE,
      );
    },
    10_000,
  );

  it('±1e200 with standardize: a variance of 1e400 in the data’s units is an Error naming it', async () => {
    await expectRejection(
      GaussianMixture.fit([[1e200], [-1e200], [0.9e200], [-1.1e200]], {
        components: 2,
        standardize: true,
        seed: 1,
      }),
      NumericalFailureError,
      "the fitted model cannot be reported: its covariances overflow in the data's units (scale² × covariance, entry 0 of the compact form); rescale the data",
    );
  }, 10_000);

  it('a column × 1e150 with standardize fits in finite numbers (it once gave −∞ and a NaN mean)', async () => {
    const X = Array.from({ length: 60 }, (_, i) => [
      ((i % 3) * 5 + Math.sin(i)) * 1e150,
      (i % 3) * 4 + Math.cos(i),
    ]);
    const model = await GaussianMixture.fit(X, { components: 3, standardize: true, seed: 1 });
    expect(Number.isFinite(model.logLikelihood)).toBe(true);
    for (const value of [...model.means.flat(), ...model.covariances.flat(2)])
      expect(Number.isFinite(value)).toBe(true);
    expect(GaussianMixture.fromJSON(JSON.parse(JSON.stringify(model))).logLikelihood).toBe(
      model.logLikelihood,
    );
  }, 10_000);

  it('one sample weight of 1e308 ends (a model with finite numbers)', async () => {
    const X = Array.from({ length: 40 }, (_, i) => [i % 7, (i * 3) % 5]);
    const sampleWeight = X.map((_, i) => (i === 3 ? 1e308 : 1));
    const model = await GaussianMixture.fit(X, { components: 2, sampleWeight, seed: 2 });
    expect(Number.isFinite(model.logLikelihood)).toBe(true);
    for (const value of [...model.weights, ...model.means.flat(), ...model.covariances.flat(2)])
      expect(Number.isFinite(value)).toBe(true);
  }, 10_000);

  it('K = N with regCovar 0 re-seeds within its budget and yields while doing it', async () => {
    const d = 31;
    const rows = 60;
    const data = clusters(5, rows, d);
    const { result, blockedMs } = await withHeartbeat(() =>
      GaussianMixture.fit(
        { data, rows, cols: d },
        { components: rows, init: 'random-from-data', regCovar: 0, seed: 1 },
      ),
    );
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(
      /^the covariance of component \d+ is not positive definite after iteration \d+ even after 120 re-seeds; increase regCovar \(now 0\), reduce components \(now 60\) or set standardize: true$/,
    );
    expect(blockedMs).toBeLessThan(BLOCKED_MS);
  }, 60_000);
});

describe('yielding', () => {
  const d = 64;
  const rows = 20_000;
  const wide = { data: clusters(3, rows, d), rows, cols: d };

  it('a 20 000 × 64, K = 8 fit never holds the event loop for 250 ms', async () => {
    const { result, blockedMs } = await withHeartbeat(() =>
      GaussianMixture.fit(wide, { components: 8, maxIter: 3, seed: 1 }),
    );
    expect(result).toBeInstanceOf(GaussianMixture);
    expect(blockedMs).toBeLessThan(BLOCKED_MS);
  }, 60_000);

  it('an abort during a long E-step lands within one kernel call, not at the end of the iteration', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the test');
    const heartbeat = startHeartbeat();
    const fit = GaussianMixture.fit(wide, {
      components: 8,
      maxIter: 100,
      tol: 0,
      seed: 1,
      signal: controller.signal,
    });
    let abortedAt = 0;
    let cpuAtAbort = process.cpuUsage();
    setTimeout(() => {
      abortedAt = performance.now();
      cpuAtAbort = process.cpuUsage();
      controller.abort(reason);
    }, 20);
    await expect(fit).rejects.toBe(reason);
    const wallMs = performance.now() - abortedAt;
    const cpu = process.cpuUsage(cpuAtAbort);
    const latency = Math.min(wallMs, (cpu.user + cpu.system) / 1000);
    expect(latency).toBeLessThan(BLOCKED_MS);
    expect(heartbeat.stop().blockedMs).toBeLessThan(BLOCKED_MS);
  }, 60_000);

  it("init: 'kmeans' on 300 000 × 2, K = 20 yields between chunks", async () => {
    const data = clusters(7, 300_000, 2);
    const { result, blockedMs } = await withHeartbeat(() =>
      GaussianMixture.fit(
        { data, rows: 300_000, cols: 2 },
        { components: 20, maxIter: 1, init: 'kmeans', seed: 1 },
      ),
    );
    expect(result).toBeInstanceOf(GaussianMixture);
    expect(blockedMs).toBeLessThan(BLOCKED_MS);
  }, 60_000);

  it('selectModel yields through every candidate', async () => {
    const { result, blockedMs } = await withHeartbeat(() =>
      selectModel(wide, { components: [1, 4], covariance: ['full', 'diag'], maxIter: 2, seed: 1 }),
    );
    expect(result).not.toBeInstanceOf(Error);
    expect(blockedMs).toBeLessThan(BLOCKED_MS);
  }, 60_000);
});
