// The runner's side of the load processes (./load-worker.ts): forks them, shares connections and
// requests among them, and merges what they report.
import path from "node:path";
import { WorkerPool } from "../lib/worker-pool";
import { addCounts, type Counts } from "./stats";
import type { ConnectionSpec, Receipts, RequestSpec, WorkerCommand, WorkerReply } from "./protocol";

/** Shares `items` round-robin among `n` parts. */
const share = <T>(items: T[], n: number, i: number) => items.filter((_, k) => k % n === i);

export class LoadFleet {
  private readonly pool: WorkerPool<WorkerCommand, WorkerReply>;

  constructor(count: number) {
    this.pool = new WorkerPool(
      path.join(import.meta.dirname, "load-worker.ts"),
      count,
      "load worker",
    );
  }

  get size(): number {
    return this.pool.size;
  }

  /** The load processes' ids (their CPU is the client side's). */
  get pids(): number[] {
    return this.pool.pids;
  }

  private all<T extends WorkerReply["type"]>(command: (i: number) => WorkerCommand) {
    return this.pool.all<Extract<WorkerReply, { type: T }>>(command);
  }

  /** Opens and subscribes `connections`, shared among the workers; totals and wall time. */
  async connect(
    base: { wsUrl: string; webUrl: string; key: string; secret: string; concurrency: number },
    connections: ConnectionSpec[],
  ) {
    const replies = await this.all<"connected">((i) => ({
      type: "connect",
      ...base,
      concurrency: Math.max(1, Math.ceil(base.concurrency / this.size)),
      connections: share(connections, this.size, i),
    }));
    const failedBy: Counts = {};
    for (const reply of replies) addCounts(failedBy, reply.failedBy);
    return {
      ok: replies.reduce((n, r) => n + r.ok, 0),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      failedBy,
      errors: replies.flatMap((r) => r.errors).slice(0, 5),
      ms: Math.max(...replies.map((r) => r.ms)),
    };
  }

  /** Forgets what was received so far. */
  async reset(): Promise<void> {
    await this.all<"done">(() => ({ type: "reset" }));
  }

  /** What every worker received since the last reset, merged. */
  async collect(): Promise<Receipts> {
    const merged: Receipts = { times: {}, channels: {}, resubscribed: [] };
    for (const { receipts } of await this.all<"receipts">(() => ({ type: "collect" }))) {
      merged.resubscribed.push(...receipts.resubscribed);
      for (const [tag, times] of Object.entries(receipts.times))
        (merged.times[tag] ??= []).push(...times);
      for (const [channel, stats] of Object.entries(receipts.channels)) {
        const into = (merged.channels[channel] ??= { count: 0, duplicates: 0, outOfOrder: 0 });
        into.count += stats.count;
        into.duplicates += stats.duplicates;
        into.outOfOrder += stats.outOfOrder;
      }
    }
    return merged;
  }

  /** Copies received and connections subscribed again since the last reset, in all. */
  async count(): Promise<{ copies: number; resubscribed: number }> {
    const replies = await this.all<"count">(() => ({ type: "count" }));
    return {
      copies: replies.reduce((n, r) => n + r.copies, 0),
      resubscribed: replies.reduce((n, r) => n + r.resubscribed, 0),
    };
  }

  /** Closes every connection. */
  async disconnect(): Promise<number> {
    const replies = await this.all<"disconnected">(() => ({ type: "disconnect" }));
    return replies.reduce((n, r) => n + r.closed, 0);
  }

  /** Runs an HTTP load: `connections` keep-alive connections in all, for `durationMs`. */
  async http(webUrl: string, requests: RequestSpec[], connections: number, durationMs: number) {
    const replies = await this.all<"http-done">((i) => ({
      type: "http",
      webUrl,
      // Fewer requests than workers (one static file): every worker repeats them all.
      requests: requests.length < this.size ? requests : share(requests, this.size, i),
      connections: Math.floor(connections / this.size) + (i < connections % this.size ? 1 : 0),
      durationMs,
    }));
    const statuses: Counts = {};
    for (const reply of replies) addCounts(statuses, reply.statuses);
    return {
      requests: replies.reduce((n, r) => n + r.requests, 0),
      authorizations: replies.reduce((n, r) => n + r.authorizations, 0),
      statuses,
      latencies: replies.flatMap((r) => r.latencies),
    };
  }

  async stop(): Promise<void> {
    await this.pool.stop({ type: "stop" });
  }
}
