/**
 * Yielding to the event loop during long work (fits, starts, model selection), so that an
 * AbortSignal, timers and (in browsers) rendering get their turn. Every long loop calls
 * `maybeYield()` between units of work of a few milliseconds each (a kernel call over part of a
 * chunk, a k-means pass over a chunk, one merge of a hierarchical start, …); it returns at once
 * until YIELD_MS have passed since the last yield, then lets the event loop run and, if the signal
 * has fired meanwhile, throws its reason. So an abort lands within one unit of work of YIELD_MS.
 */
const YIELD_MS = 8;

type Scheduler = (resume: () => void) => void;

function pickScheduler(): Scheduler {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return (resume) => immediate(resume);
  if (typeof MessageChannel === 'function') {
    // Unlike setTimeout(0), a message is not clamped to 4 ms after a few nested calls.
    return (resume) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resume();
      };
      channel.port2.postMessage(null);
    };
  }
  return (resume) => setTimeout(resume, 0);
}

const schedule = pickScheduler();

/**
 * Tracks time since the last yield, and the signal of the work it paces. One per fit or selection,
 * handed to every loop of it.
 */
export class Yielder {
  private last = performance.now();

  constructor(readonly signal?: AbortSignal) {}

  /**
   * Returns at once until YIELD_MS have passed since the last yield; then yields to the event loop.
   * @throws the signal's reason when it has aborted (checked on every call, yielding or not).
   */
  async maybeYield(): Promise<void> {
    this.throwIfAborted();
    if (performance.now() - this.last < YIELD_MS) return;
    await new Promise<void>((resume) => schedule(resume));
    this.last = performance.now();
    this.throwIfAborted();
  }

  /** @throws the signal's reason when it has aborted. */
  throwIfAborted(): void {
    if (this.signal?.aborted) throw this.signal.reason;
  }
}

/**
 * Work written once for both kinds of caller: a generator that yields between units of work (a few
 * milliseconds each) and returns its result. `runToEnd` runs it on the spot, for synchronous
 * callers (a worker, `predict`); `runPaced` yields to the event loop between units as `yielder`
 * allows, for a fit.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs the steps, offering the event loop a turn after each.
 * @throws the signal's reason when it aborts between steps (the generator is closed first).
 */
export async function runPaced<T>(steps: Steps<T>, yielder: Yielder): Promise<T> {
  try {
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      await yielder.maybeYield();
    }
  } finally {
    steps.return(undefined as T);
  }
}
