import type { DenseMatrix } from '../internal-types';
import type { ChunkMessage, FromWorker, PassMessage } from './protocol';
import { spawnWorker, type WorkerHandle, type WorkerScript } from './spawn';

type Reply = Exclude<FromWorker, { kind: 'ready' } | { kind: 'error' }>;

interface Member {
  readonly handle: WorkerHandle;
  readonly pending: Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>;
}

/**
 * Workers each holding a shard of the rows: a pass goes to every worker and their replies come back in shard
 * order; chunks of a stream go to one worker each. The first failure fails every pending request.
 */
export class WorkerPool {
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly members: Member[]) {}

  /**
   * Starts min(count, rows) workers and hands each its shard (copied, in the rows' own f64 or f32:
   * the caller's rows stay as they are, and f32 rows are widened only inside each worker's memory)
   * and the compiled module.
   */
  static async start(
    count: number,
    X: DenseMatrix,
    sampleWeight: Float64Array | undefined,
    module: WebAssembly.Module,
    script: WorkerScript = { url: undefined },
    shards = Math.min(count, X.rows),
  ): Promise<WorkerPool> {
    const { rows, cols: d } = X;
    const members: Member[] = [];
    const pool = new WorkerPool(members);
    try {
      const started = Array.from({ length: shards }, async (_, s) => {
        const start = Math.floor((s * rows) / shards);
        const end = Math.floor(((s + 1) * rows) / shards);
        const handle = await spawnWorker(script);
        const member: Member = { handle, pending: new Map() };
        members[s] = member;
        // Every way a worker can stop answering rejects its start-up and every pass in flight at
        // once: a failure while loading its shard, an error thrown in it, or its exit.
        const ready = new Promise<void>((resolve, reject) => {
          const failed = (error: Error) => {
            reject(error);
            pool.fail(error);
          };
          handle.onMessage((message) => {
            if (message.kind === 'ready') resolve();
            else if (message.kind === 'error' && message.id < 0)
              failed(new Error(`a gmm-wasm worker could not load its shard of rows: ${message.message}`));
            else pool.settle(member, message);
          });
          handle.onError(failed);
          handle.onExit((code) => failed(new Error(`a gmm-wasm worker stopped (exit code ${code})`)));
        });
        // Awaited below; marked handled now in case posting the shard throws first.
        ready.catch(() => {});
        const x = X.data.slice(start * d, end * d);
        const weights = sampleWeight?.slice(start, end);
        handle.post(
          { kind: 'shard', module, start, rows: end - start, d, x, weights },
          weights ? [x.buffer, weights.buffer] : [x.buffer],
        );
        await ready;
      });
      await Promise.all(started);
    } catch (error) {
      await pool.terminate();
      throw error;
    }
    return pool;
  }

  /** Starts `count` workers that hold no rows, for passes that bring their own (a stream's chunks). */
  static startEmpty(
    count: number,
    cols: number,
    module: WebAssembly.Module,
    script: WorkerScript = { url: undefined },
  ): Promise<WorkerPool> {
    return WorkerPool.start(
      count,
      { data: new Float64Array(0), rows: 0, cols },
      undefined,
      module,
      script,
      count,
    );
  }

  /** Workers in the pool. */
  get size(): number {
    return this.members.length;
  }

  /**
   * Sends one chunk to worker `worker` (its values transferred); its reply. Rejects, as every pass
   * in flight does, as soon as any worker fails or stops.
   */
  async ask(worker: number, message: Omit<ChunkMessage, 'id'>, transfer: Transferable[]): Promise<Reply> {
    if (this.failure) throw this.failure;
    const member = this.members[worker];
    if (!member) throw new RangeError(`the pool has no worker ${worker}`);
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      member.pending.set(id, { resolve, reject });
      member.handle.post({ ...message, id }, transfer);
    });
  }

  /** Sends one pass to every worker; the replies in shard order. */
  async pass(message: Omit<PassMessage, 'id'>): Promise<Reply[]> {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return Promise.all(
      this.members.map(
        (member) =>
          new Promise<Reply>((resolve, reject) => {
            member.pending.set(id, { resolve, reject });
            member.handle.post({ ...message, id });
          }),
      ),
    );
  }

  /** Stops every worker: nothing is left to keep a Node process alive. */
  async terminate(): Promise<void> {
    this.fail(new Error('the worker pool was shut down'));
    await Promise.all(this.members.filter(Boolean).map((member) => member.handle.terminate()));
  }

  private settle(member: Member, message: Exclude<FromWorker, { kind: 'ready' }>): void {
    const waiting = member.pending.get(message.id);
    if (!waiting) return;
    member.pending.delete(message.id);
    if (message.kind === 'error') waiting.reject(new Error(`a gmm-wasm worker failed: ${message.message}`));
    else waiting.resolve(message);
  }

  /** Rejects every pass in flight and every later one (the pool is then only good for `terminate`). */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const member of this.members) {
      if (!member) continue;
      for (const waiting of member.pending.values()) waiting.reject(error);
      member.pending.clear();
    }
  }
}
