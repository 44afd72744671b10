// Load processes of the harnesses (`pnpm bench`'s load workers, the fault suite's and the soak's
// client workers): forked TypeScript files driven over IPC, one command at a time per process,
// each answered by one reply.
import { fork, type ChildProcess } from "node:child_process";

type Worker<Reply> = { child: ChildProcess; pending: Array<(reply: Reply) => void> };

export class WorkerPool<Command, Reply> {
  private readonly workers: Array<Worker<Reply>> = [];
  private stopping = false;

  /** Forks `count` processes running `file` (through tsx); `name` labels their exit messages. */
  constructor(file: string, count: number, name: string) {
    for (let i = 0; i < count; i += 1) {
      const child = fork(file, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
      const worker: Worker<Reply> = { child, pending: [] };
      child.once("exit", (code) => {
        if (!this.stopping) console.error(`${name} ${i} exited (${code})`);
      });
      // Replies come in the order of the commands: each answers the oldest unanswered one.
      child.on("message", (reply: Reply) => worker.pending.shift()?.(reply));
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** The processes' ids (their CPU is the client side's). */
  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!);
  }

  /** Sends `command` to worker `i`; resolves with its reply. */
  request<R extends Reply = Reply>(i: number, command: Command): Promise<R> {
    const worker = this.workers[i]!;
    if (worker.child.exitCode !== null) return Promise.reject(new Error("the worker is gone"));
    return new Promise<R>((resolve) => {
      worker.pending.push(resolve as (reply: Reply) => void);
      worker.child.send(command as object);
    });
  }

  /** Sends each worker its command (`command(i)`); resolves with every reply. */
  all<R extends Reply = Reply>(command: (i: number) => Command): Promise<R[]> {
    return Promise.all(this.workers.map((_, i) => this.request<R>(i, command(i))));
  }

  /** Sends `command` (the workers exit on it), SIGKILL after 5 s; resolves once all are gone. */
  async stop(command: Command): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.workers.map(({ child }) => {
        if (child.exitCode !== null) return undefined;
        child.send(command as object);
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
