/**
 * One pass of a stream dealt to workers: each chunk goes to the worker with the fewest chunks in
 * flight, at most IN_FLIGHT_PER_WORKER per worker (so memory holds a bounded number of chunks,
 * whatever the stream's length), and the replies are handed on in the order the chunks were read,
 * so that sums over them are the same bits in every run and as on the calling thread.
 */

import type { WorkerPool } from '../workers/pool';
import type { ChunkMessage, FromWorker } from '../workers/protocol';

/** Chunks each worker holds at once: one being E-stepped, one waiting, so none sits idle. */
export const IN_FLIGHT_PER_WORKER = 2;

/** A worker's answer to one chunk. */
export type ChunkReply = Extract<FromWorker, { kind: 'chunk' }>;

/**
 * Deals one pass's chunks to the workers (to the least busy, at most `IN_FLIGHT_PER_WORKER` each)
 * and hands the replies on in the chunks' order; `send` and `finish` reject with the first error a
 * worker reported.
 */
export class ChunkDispatch {
  private readonly busy: number[];
  private readonly inFlight = new Set<Promise<void>>();
  /** Replies that arrived ahead of an earlier chunk's. */
  private readonly waiting = new Map<number, ChunkReply>();
  private sent = 0;
  private handed = 0;

  /** @param consume - called with each chunk's reply, in the order the chunks were sent. */
  constructor(
    private readonly pool: WorkerPool,
    private readonly consume: (reply: ChunkReply) => void,
  ) {
    this.busy = new Array<number>(pool.size).fill(0);
  }

  /**
   * Sends a chunk (its buffers transferred: the caller must not use them after), once a worker
   * has room for it.
   * @throws the first failure of any worker (it stopped, or threw), at once.
   */
  async send(message: Omit<ChunkMessage, 'id'>, transfer: Transferable[]): Promise<void> {
    while (this.inFlight.size >= this.busy.length * IN_FLIGHT_PER_WORKER) await Promise.race(this.inFlight);
    let worker = 0;
    for (let w = 1; w < this.busy.length; w++)
      if ((this.busy[w] as number) < (this.busy[worker] as number)) worker = w;
    const sequence = this.sent++;
    this.busy[worker] = (this.busy[worker] as number) + 1;
    const done: Promise<void> = this.pool.ask(worker, message, transfer).then((reply) => {
      this.busy[worker] = (this.busy[worker] as number) - 1;
      this.inFlight.delete(done);
      if (reply.kind !== 'chunk') throw new Error(`a gmm-wasm worker answered a chunk with '${reply.kind}'`);
      this.waiting.set(sequence, reply);
      this.handOn();
    });
    // A pass that ends early (abort, a bad chunk) leaves replies no one awaits: not an unhandled rejection.
    done.catch(() => {});
    this.inFlight.add(done);
  }

  /** Waits for every chunk sent; each reply has been consumed, in order, when it resolves. */
  async finish(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private handOn(): void {
    for (;;) {
      const reply = this.waiting.get(this.handed);
      if (!reply) return;
      this.waiting.delete(this.handed);
      this.handed++;
      this.consume(reply);
    }
  }
}
