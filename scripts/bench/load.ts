// The runner's side of the load processes (./load-worker.ts): forks them, shares connections and
// requests among them, and merges what they report.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ConnectionSpec, Receipts, RequestSpec, WorkerCommand, WorkerReply } from "./protocol";

type Worker = { child: ChildProcess; replies: WorkerReply[]; waiters: Array<() => void> };

/** Shares `items` round-robin among `n` parts. */
const share = <T>(items: T[], n: number, i: number) => items.filter((_, k) => k % n === i);

export class LoadFleet {
  private readonly workers: Worker[] = [];
  private stopping = false;

  constructor(count: number) {
    const file = path.join(import.meta.dirname, "load-worker.ts");
    for (let i = 0; i < count; i += 1) {
      const child = fork(file, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
      const worker: Worker = { child, replies: [], waiters: [] };
      child.once("exit", (code) => {
        if (!this.stopping) console.error(`load worker ${i} exited (${code})`);
      });
      child.on("message", (reply: WorkerReply) => {
        worker.replies.push(reply);
        for (const waiter of worker.waiters.splice(0)) waiter();
      });
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** The load processes' ids (their CPU is the client side's). */
  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!);
  }

  private request<T extends WorkerReply["type"]>(
    worker: Worker,
    command: WorkerCommand,
  ): Promise<Extract<WorkerReply, { type: T }>> {
    if (worker.child.exitCode !== null) return Promise.reject(new Error("load worker is gone"));
    return new Promise((resolve) => {
      const before = worker.replies.length;
      const check = () => {
        if (worker.replies.length > before)
          resolve(worker.replies.splice(before, 1)[0] as Extract<WorkerReply, { type: T }>);
        else worker.waiters.push(check);
      };
      worker.waiters.push(check);
      worker.child.send(command);
    });
  }

  private all<T extends WorkerReply["type"]>(command: (i: number) => WorkerCommand) {
    return Promise.all(this.workers.map((w, i) => this.request<T>(w, command(i))));
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
    return {
      ok: replies.reduce((n, r) => n + r.ok, 0),
      failed: replies.reduce((n, r) => n + r.failed, 0),
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
    const statuses: Record<string, number> = {};
    for (const reply of replies)
      for (const [status, n] of Object.entries(reply.statuses))
        statuses[status] = (statuses[status] ?? 0) + n;
    return {
      requests: replies.reduce((n, r) => n + r.requests, 0),
      authorizations: replies.reduce((n, r) => n + r.authorizations, 0),
      statuses,
      latencies: replies.flatMap((r) => r.latencies),
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.workers.map(({ child }) => {
        if (child.exitCode !== null) return undefined;
        child.send({ type: "stop" } satisfies WorkerCommand);
        return new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }),
    );
  }
}
