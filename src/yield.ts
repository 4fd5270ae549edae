/**
 * Yielding to the event loop during a long fit, so that an AbortSignal, timers and (in browsers)
 * rendering get their turn. Yields at most every YIELD_MS of work: often enough to stay responsive,
 * rarely enough to cost nothing measurable.
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

/** Tracks time since the last yield; `maybeYield` returns at once until YIELD_MS have passed. */
export class Yielder {
  private last = performance.now();

  async maybeYield(): Promise<void> {
    if (performance.now() - this.last < YIELD_MS) return;
    await new Promise<void>((resume) => schedule(resume));
    this.last = performance.now();
  }
}
