// The asynchronous predictions: the same bits as the synchronous ones, for both mixtures, every
// covariance type, standardized and missing-value models; the event loop gets a turn every few
// milliseconds on a large input, and an abort lands at the next turn.
import { describe, expect, it } from 'vitest';
import { BayesianGaussianMixture, type CovarianceType, GaussianMixture, type Matrix } from '../src/index';
import { startHeartbeat } from './heartbeat';
import { expectRejection, mulberry32, standardNormal } from './helpers';

const BLOCKED_MS = 250;

/** N rows of D features around four centres, seeded, as one flat Float64Array. */
function rows(seed: number, n: number, d: number): Float64Array {
  const random = mulberry32(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) data[i * d + j] = 6 * ((i + 2 * j) % 4) + standardNormal(random);
  return data;
}

/** Every value bit for bit (Object.is, so −0 and NaN count too). */
function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect([i, actual[i]]).toEqual([i, expected[i]]);
  }
}

interface Predictor {
  predict(X: Matrix): Int32Array;
  predictProba(X: Matrix): Float64Array[];
  scoreSamples(X: Matrix): Float64Array;
  score(X: Matrix): number;
  predictAsync(X: Matrix, options?: { signal?: AbortSignal }): Promise<Int32Array>;
  predictProbaAsync(X: Matrix, options?: { signal?: AbortSignal }): Promise<Float64Array[]>;
  scoreSamplesAsync(X: Matrix, options?: { signal?: AbortSignal }): Promise<Float64Array>;
  scoreAsync(X: Matrix, options?: { signal?: AbortSignal }): Promise<number>;
}

async function expectTwins(model: Predictor, X: Matrix): Promise<void> {
  expectSameBits(await model.predictAsync(X), model.predict(X));
  const proba = await model.predictProbaAsync(X);
  const expected = model.predictProba(X);
  expect(proba.length).toBe(expected.length);
  expectSameBits(
    proba.flatMap((row) => Array.from(row)),
    expected.flatMap((row) => Array.from(row)),
  );
  expectSameBits(await model.scoreSamplesAsync(X), model.scoreSamples(X));
  expect(Object.is(await model.scoreAsync(X), model.score(X))).toBe(true);
}

// 9 000 rows: three chunks of the kernels (4 096 rows each), the last one partial.
const N = 9_000;
const D = 3;
const data = rows(1, N, D);
const X = { data, rows: N, cols: D };
const train = { data: data.subarray(0, 600 * D), rows: 600, cols: D };

describe('the asynchronous predictions equal the synchronous ones, bit for bit', () => {
  it.each<CovarianceType>(['full', 'tied', 'diag', 'spherical', 'VEV'])(
    '%s',
    async (covariance) => {
      const model = await GaussianMixture.fit(train, { components: 4, covariance, seed: 3 });
      await expectTwins(model, X);
      await expectTwins(model, [[0.5, 1, 2]]);
    },
    30_000,
  );

  it('standardized', async () => {
    const model = await GaussianMixture.fit(train, { components: 3, standardize: true, seed: 2 });
    await expectTwins(model, X);
  }, 30_000);

  it("with missing values (missing: 'em'), rows with NaN and a row of NaN only", async () => {
    const holes = data.slice();
    for (let i = 0; i < N; i += 7) holes[i * D + (i % D)] = Number.NaN;
    holes.fill(Number.NaN, 5 * D, 6 * D);
    const model = await GaussianMixture.fit(
      { data: holes.subarray(0, 600 * D), rows: 600, cols: D },
      { components: 3, missing: 'em', seed: 4 },
    );
    await expectTwins(model, { data: holes, rows: N, cols: D });
  }, 30_000);

  it('BayesianGaussianMixture', async () => {
    const model = await BayesianGaussianMixture.fit(train, { components: 5, seed: 5 });
    await expectTwins(model, X);
  }, 30_000);

  it('a model from fromJSON, and several predictions at once', async () => {
    const fitted = await GaussianMixture.fit(train, { components: 4, seed: 6 });
    const model = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(fitted)));
    const halves = [
      { data: data.subarray(0, 4500 * D), rows: 4500, cols: D },
      { data: data.subarray(4500 * D), rows: 4500, cols: D },
    ];
    const [first, second, all] = await Promise.all([
      model.scoreSamplesAsync(halves[0] as Matrix),
      model.scoreSamplesAsync(halves[1] as Matrix),
      model.scoreSamplesAsync(X),
    ]);
    expectSameBits([...(first as Float64Array), ...(second as Float64Array)], fitted.scoreSamples(X));
    expectSameBits(all as Float64Array, fitted.scoreSamples(X));
  }, 30_000);

  it('reads X at once: overwriting it while the prediction runs changes nothing', async () => {
    const model = await GaussianMixture.fit(train, { components: 4, seed: 7 });
    const given = data.slice();
    const expected = model.scoreSamples(X);
    const pending = model.scoreSamplesAsync({ data: given, rows: N, cols: D });
    given.fill(1e6);
    expectSameBits(await pending, expected);
  }, 30_000);
});

describe('options and errors', () => {
  it('reject as the synchronous twins throw, and name a bad option', async () => {
    const model = await GaussianMixture.fit(train, { components: 2, seed: 1 });
    await expectRejection(
      model.predictAsync([[1, 2]]),
      RangeError,
      'X has 2 columns, but the model was fitted on 3',
    );
    await expectRejection(
      model.scoreAsync([[1, 2, 3]], { signal: 'stop' as unknown as AbortSignal }),
      TypeError,
      'signal must be an AbortSignal, got string',
    );
    await expectRejection(
      model.predictProbaAsync([[1, 2, 3]], { sigal: undefined } as never),
      TypeError,
      "unknown option 'sigal' of predictProbaAsync: it takes signal",
    );
    await expectRejection(
      model.scoreSamplesAsync([[1, 2, 3]], 5 as never),
      TypeError,
      'scoreSamplesAsync options must be an object, got number',
    );
    // The model still works after each of them.
    expect(Array.from(await model.predictAsync([[1, 2, 3]]))).toEqual(Array.from(model.predict([[1, 2, 3]])));
  });

  it('an aborted signal rejects with its reason', async () => {
    const model = await BayesianGaussianMixture.fit(train, { components: 2, seed: 1 });
    const controller = new AbortController();
    const reason = new Error('not needed any more');
    controller.abort(reason);
    await expect(model.predictAsync(X, { signal: controller.signal })).rejects.toBe(reason);
  });
});

describe('a large input', () => {
  // 80 000 × 64, K = 16 full: about 8·10⁹ multiply-adds, half a second for one pass on one core.
  const n = 80_000;
  const d = 64;
  const big = { data: rows(2, n, d), rows: n, cols: d };
  const fitted = GaussianMixture.fit(
    { data: big.data.subarray(0, 1_000 * d), rows: 1_000, cols: d },
    { components: 16, maxIter: 3, seed: 1 },
  );

  it('never holds the event loop for 250 ms, while the synchronous call holds it throughout', async () => {
    const model = await fitted;
    const control = startHeartbeat();
    await new Promise((resume) => setTimeout(resume, 10));
    const expected = model.predict(big);
    const blockedSync = control.stop().blockedMs;
    const heartbeat = startHeartbeat();
    const labels = await model.predictAsync(big);
    const { blockedMs, beats } = heartbeat.stop();
    expectSameBits(labels, expected);
    // The control shows the heartbeat sees a blocked loop; the async twin gives it a turn throughout.
    expect(blockedSync).toBeGreaterThan(BLOCKED_MS);
    expect(blockedMs).toBeLessThan(BLOCKED_MS);
    expect(beats).toBeGreaterThan(5);
  }, 60_000);

  it('an abort lands at the next turn of the event loop', async () => {
    const model = await fitted;
    const controller = new AbortController();
    const reason = new Error('stopped by the test');
    const pending = model.scoreAsync(big, { signal: controller.signal });
    const due = performance.now() + 20;
    let late = 0;
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      late = abortedAt - due;
      controller.abort(reason);
    }, 20);
    await expect(pending).rejects.toBe(reason);
    const landed = performance.now() - abortedAt;
    // The timer fires at a yield, at most one unit of work late (it is late by more only when the
    // machine did not run us); the rejection follows in the same turn.
    expect(landed).toBeLessThan(BLOCKED_MS);
    expect(late).toBeLessThan(10_000);
  }, 60_000);
});
