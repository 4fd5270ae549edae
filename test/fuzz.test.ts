/**
 * Fuzzing (fast-check, seeded, bounded in time): fits over random options and data from the whole
 * range of doubles, and `fromJSON` over mutated saved models. Every outcome is either a clear error
 * (the library's own message: short, no engine or allocator text) or a model whose numbers are
 * finite, whose weights sum to 1, which predicts its own rows and whose JSON reads back the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CovarianceType, GaussianMixture } from '../src/index';

/** A fixed seed: every CI run tries the same cases; change it locally to explore. */
const SEED = 20_261_201;
/** Each property stops trying new cases after this long (the cases it tried all held). */
const TIME_LIMIT_MS = 12_000;

/** What engines and allocators say, which must never reach a user. */
const ENGINE_TEXT =
  /abort:|tlsf|Cannot read properties|Invalid typed array length|Array buffer allocation|Maximum call stack|is not a function|RuntimeError|unreachable/;

function expectCleanError(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const { message } = error as Error;
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThan(400);
  expect(message).not.toMatch(ENGINE_TEXT);
}

/** A fitted or loaded model is finite, normalised, predicts its rows and survives a save. */
function expectSoundModel(model: GaussianMixture, rows: number[][] | undefined): void {
  const numbers = [model.logLikelihood, ...model.history, ...model.weights, ...model.means.flat()];
  for (const value of numbers) expect(Number.isFinite(value), `${value}`).toBe(true);
  for (const value of model.covariances.flat(2)) expect(Number.isFinite(value), `${value}`).toBe(true);
  expect(Math.abs(model.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
  const text = JSON.stringify(model);
  const again = GaussianMixture.fromJSON(JSON.parse(text));
  expect(JSON.stringify(again)).toBe(text);
  if (rows) {
    const labels = model.predict(rows);
    for (const label of labels) expect(label >= 0 && label < model.components).toBe(true);
    for (const value of model.scoreSamples(rows)) expect(Number.isNaN(value)).toBe(false);
  }
}

/** Doubles from the smallest positive to the largest, of either sign, and some ordinary ones. */
const magnitude = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e308, max: 1e308 }),
  fc.integer({ min: -320, max: 308 }).map((e) => 10 ** e),
  fc.constantFrom(
    0,
    -0,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    -1.7976931348623157e308,
    1,
    -1,
  ),
  fc.double({ noNaN: true, min: -10, max: 10 }),
);

const COVARIANCES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];

const fitCase = fc
  .record({
    rows: fc.integer({ min: 2, max: 24 }),
    cols: fc.integer({ min: 1, max: 4 }),
    scale: fc.oneof(
      fc.constant(1),
      fc.integer({ min: -320, max: 308 }).map((e) => 10 ** e),
    ),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  })
  .chain(({ rows, cols, scale, seed }) =>
    fc.record({
      X: fc.array(
        fc.array(
          fc.oneof(
            magnitude,
            fc.double({ noNaN: true, min: -5, max: 5 }).map((v) => v * scale),
          ),
          {
            minLength: cols,
            maxLength: cols,
          },
        ),
        { minLength: rows, maxLength: rows },
      ),
      options: fc.record(
        {
          components: fc.integer({ min: 1, max: Math.min(rows, 4) }),
          covariance: fc.constantFrom(...COVARIANCES),
          init: fc.constantFrom('random', 'kmeans', 'kmeans++', 'random-from-data'),
          regCovar: fc.constantFrom(0, 1e-12, 1e-6, 1e-2),
          maxIter: fc.integer({ min: 0, max: 25 }),
          restarts: fc.integer({ min: 1, max: 2 }),
          standardize: fc.boolean(),
          sampleWeight: fc.array(fc.oneof(magnitude.map(Math.abs), fc.constant(1)), {
            minLength: rows,
            maxLength: rows,
          }),
          seed: fc.constant(seed),
        },
        { requiredKeys: ['components', 'covariance', 'seed'] },
      ),
    }),
  );

describe('fuzz', () => {
  it('fit: a clear error or a sound model, for any options and data across the range of doubles', async () => {
    await fc.assert(
      fc.asyncProperty(fitCase, async ({ X, options }) => {
        let model: GaussianMixture;
        try {
          model = await GaussianMixture.fit(X, options);
        } catch (error) {
          expectCleanError(error);
          return;
        }
        expectSoundModel(model, X);
      }),
      { seed: SEED, numRuns: 1000, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);

  it('fromJSON: a clear error or a sound model, for any mutation of a saved model', async () => {
    const bases = await Promise.all(
      COVARIANCES.flatMap((covariance) =>
        [false, true].map(
          async (standardize) =>
            JSON.parse(
              JSON.stringify(
                await GaussianMixture.fit(
                  [
                    [0, 1, 2],
                    [1, 0, 3],
                    [5, 6, 1],
                    [6, 5, 0],
                    [2, 2, 2],
                    [7, 7, 7],
                  ],
                  { components: 2, covariance, standardize, seed: 3 },
                ),
              ),
            ) as Record<string, unknown>,
        ),
      ),
    );
    const replacement = fc.oneof(
      magnitude,
      fc.constantFrom(
        Infinity,
        -Infinity,
        Number.NaN,
        null,
        undefined,
        true,
        '',
        'full',
        [],
        {},
        2 ** 53,
        2 ** 32,
      ),
      fc.string({ maxLength: 30 }),
      fc.array(magnitude, { maxLength: 4 }),
      fc.anything({ maxDepth: 2 }),
    );
    /** Replaces one value somewhere in the object (the path chosen by `pick`). */
    const mutate = (json: unknown, pick: number[], value: unknown): unknown => {
      const copy = structuredClone(json) as Record<string, unknown>;
      let node: unknown = copy;
      let parent: Record<string | number, unknown> = copy;
      let key: string | number = '';
      for (const choice of pick) {
        if (typeof node !== 'object' || node === null) break;
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        key = keys[choice % keys.length] as string;
        parent = node as Record<string | number, unknown>;
        node = (node as Record<string, unknown>)[key];
      }
      if (key !== '') parent[key] = value;
      return copy;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bases.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        replacement,
        (base, pick, value) => {
          const json = mutate(bases[base], pick, value);
          let model: GaussianMixture;
          try {
            model = GaussianMixture.fromJSON(json);
          } catch (error) {
            expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
            expect((error as Error).message).toMatch(/^GaussianMixture\.fromJSON: /);
            expectCleanError(error);
            return;
          }
          expectSoundModel(model, [
            [0, 1, 2],
            [7, 7, 7],
          ]);
        },
      ),
      { seed: SEED, numRuns: 3000, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  }, 60_000);
});
