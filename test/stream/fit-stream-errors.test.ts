// fitStream's bad inputs: each a TypeError, RangeError or Error with a message that names the chunk,
// its rows in the stream and the row and column within it; aborts stop a pass in its middle; and
// after any of them the next fit works.
import { describe, expect, it } from 'vitest';
import { GaussianMixture, type StreamSource } from '../../src/index';
import { blobs, expectRejection } from '../helpers';

const { X } = blobs(
  3,
  [
    [0, 0],
    [8, 8],
  ],
  200,
);
const inChunks = (size: number) => () =>
  Array.from({ length: Math.ceil(X.length / size) }, (_, i) => X.slice(i * size, (i + 1) * size));
const fitStream = (source: unknown, options: unknown) =>
  GaussianMixture.fitStream(source as StreamSource, options as { components: number });
const OPTIONS = { components: 2, seed: 1, maxIter: 5 };

describe('fitStream refuses bad input', () => {
  it('a source that is not a function of an iterable', async () => {
    await expectRejection(
      fitStream(X, OPTIONS),
      TypeError,
      'source must be a function that returns an iterable of chunks (called once per pass), got array; for chunks already in memory pass () => chunks',
    );
    await expectRejection(
      fitStream(() => 5, OPTIONS),
      TypeError,
      'source() must return an iterable or async iterable of chunks, got number',
    );
    await expectRejection(
      fitStream(() => [], OPTIONS),
      RangeError,
      'the source yielded no rows: fitStream needs at least one',
    );
  });

  it('bad chunks, naming the chunk, its rows in the stream, and the entry', async () => {
    const withBad = (bad: unknown) => () => [X.slice(0, 100), X.slice(100, 150), bad];
    await expectRejection(
      fitStream(
        withBad([
          [1, 2],
          [3, Number.NaN],
        ]),
        OPTIONS,
      ),
      RangeError,
      'chunk 2 (rows 150 to 151 of the stream): X[1][1] is NaN',
    );
    await expectRejection(
      fitStream(withBad([[1, 2], [3]]), OPTIONS),
      RangeError,
      'chunk 2 (rows 150 to 151 of the stream): row 1 has 1 columns, expected 2',
    );
    await expectRejection(
      fitStream(withBad([[1, 2, 3]]), OPTIONS),
      RangeError,
      'chunk 2 (rows 150 to 150 of the stream) has 3 columns, expected 2 as the chunks before it',
    );
    await expectRejection(
      fitStream(withBad([['1', 2]]), OPTIONS),
      TypeError,
      'chunk 2 (rows 150 to 150 of the stream): X[0][0] is a string, expected a number',
    );
    await expectRejection(
      fitStream(withBad({ X: [[1, 2]], sampleWeight: [-1] }), OPTIONS),
      RangeError,
      'chunk 2 (rows 150 to 150 of the stream): sampleWeight[0] is negative (-1)',
    );
    await expectRejection(
      fitStream(withBad({ X: [[1, 2]], sampleWeight: [1, 2] }), OPTIONS),
      RangeError,
      'chunk 2 (rows 150 to 150 of the stream): sampleWeight has 2 values, expected 1 (one per row)',
    );
    await expectRejection(
      fitStream(withBad({ X: [[1, 2]], weights: [1] }), OPTIONS),
      TypeError,
      "chunk 2: unknown field 'weights'; a chunk is a matrix or { X, sampleWeight }",
    );
    await expectRejection(
      fitStream(withBad(7), OPTIONS),
      TypeError,
      'chunk 2: X must be an array of rows or { data, rows, cols }, got number',
    );
  });

  it('bad options, before the data are read through', async () => {
    let chunksRead = 0;
    const counting = () =>
      (function* () {
        for (const chunk of inChunks(50)()) {
          chunksRead++;
          yield chunk;
        }
      })();
    await expectRejection(
      fitStream(counting, { components: 2, maxIters: 3 }),
      TypeError,
      "unknown option 'maxIters'; did you mean 'maxIter'?",
    );
    expect(chunksRead).toBe(1);
    await expectRejection(
      fitStream(counting, { components: 2, sampleWeight: [1] }),
      TypeError,
      'fitStream takes sample weights with the chunks, as { X, sampleWeight }, not as the option sampleWeight',
    );
    await expectRejection(
      fitStream(counting, { components: 2, startSample: 0 }),
      RangeError,
      'startSample must be an integer from 1 to 10000000, got 0',
    );
    await expectRejection(
      fitStream(counting, { components: 2, startSample: '9' }),
      TypeError,
      'startSample must be a number, got string',
    );
    await expectRejection(fitStream(counting, null), TypeError, 'options must be an object, got null');
    await expectRejection(
      fitStream(counting, { components: 401 }),
      RangeError,
      'components (401) exceeds the number of rows (400)',
    );
    await expectRejection(
      fitStream(() => [{ X: X.slice(0, 10), sampleWeight: new Array(10).fill(0) }], { components: 1 }),
      RangeError,
      "every chunk's sampleWeight is zero: at least one row needs a positive weight",
    );
  });

  it('a source whose passes differ is an Error saying the data changed', async () => {
    let calls = 0;
    const shrinking = () => {
      calls++;
      return calls < 3 ? X : X.slice(0, 399);
    };
    await expectRejection(
      fitStream(() => [shrinking()], { ...OPTIONS, tol: 0 }),
      Error,
      'the data changed between passes: pass 3 read 399 rows, the first pass 400; fitStream needs a source that yields the same rows, in the same order, every time it is called',
    );
    let weighted = 0;
    const reweighted = () => [{ X, sampleWeight: X.map(() => (weighted++ < 400 ? 1 : 2)) }];
    await expectRejection(
      fitStream(reweighted, { ...OPTIONS, tol: 0 }),
      Error,
      'the data changed between passes: pass 2 read a total sample weight of 800, the first pass 400; fitStream needs a source that yields the same rows, in the same order, every time it is called',
    );
    let wide = 0;
    await expectRejection(
      fitStream(() => [wide++ === 0 ? X : X.map((row) => [...row, 1])], OPTIONS),
      Error,
      'the data changed between passes: pass 2 read 3 columns, the first pass 2; fitStream needs a source that yields the same rows, in the same order, every time it is called',
    );
  });

  it('aborts in the middle of a pass, closes the source, and leaves the library working', async () => {
    const controller = new AbortController();
    let passes = 0;
    let closed = 0;
    let chunksInPass = 0;
    const source = () =>
      (function* () {
        passes++;
        chunksInPass = 0;
        try {
          for (const chunk of inChunks(10)()) {
            chunksInPass++;
            if (passes === 3 && chunksInPass === 20) controller.abort(new Error('stop here'));
            yield chunk;
          }
        } finally {
          closed++;
        }
      })();
    await expectRejection(
      fitStream(source, { ...OPTIONS, tol: 0, signal: controller.signal }),
      Error,
      'stop here',
    );
    expect(passes).toBe(3);
    expect(chunksInPass).toBe(20);
    expect(closed).toBe(3);
    const aborted = new AbortController();
    aborted.abort(new Error('before'));
    await expectRejection(fitStream(inChunks(50), { ...OPTIONS, signal: aborted.signal }), Error, 'before');
    const model = await fitStream(inChunks(50), OPTIONS);
    expect(model.components).toBe(2);
  });

  it('an error thrown by the source itself reaches the caller unchanged', async () => {
    const failing = () =>
      (function* () {
        yield X;
        throw new Error('disk on fire');
      })();
    await expectRejection(fitStream(failing, OPTIONS), Error, 'disk on fire');
  });
});
