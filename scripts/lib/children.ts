// Child processes of the launchers: prefixed output, ordered shutdown, and no orphans.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export type Managed = { name: string; child: ChildProcess; stop: () => Promise<void> };

const COLORS = ["\x1b[36m", "\x1b[35m", "\x1b[33m", "\x1b[32m", "\x1b[34m"];
let colorIndex = 0;

function prefixLines(prefix: string, target: NodeJS.WriteStream) {
  let pending = "";
  return (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) target.write(`${prefix}${line}\n`);
  };
}

/** Resolves when the child has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function terminate(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** Spawns a long-running child whose output is prefixed with its name. */
export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { quiet?: boolean; stopGraceMs?: number } = {},
): Managed {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const color = COLORS[colorIndex++ % COLORS.length];
  const prefix = `${color}${name.padEnd(7)}\x1b[0m │ `;
  if (!options.quiet) {
    child.stdout?.on("data", prefixLines(prefix, process.stdout));
    child.stderr?.on("data", prefixLines(prefix, process.stderr));
  } else {
    // Drained all the same: a child writing to a full pipe blocks (Node writes to pipes
    // synchronously), and a quiet web server that logs much would stop answering.
    child.stdout?.resume();
    child.stderr?.resume();
  }
  // If this process dies without running its shutdown, take the child with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  return { name, child, stop: () => terminate(child, options.stopGraceMs) };
}

/**
 * Runs `stop` functions in reverse start order on SIGINT/SIGTERM (once), then exits.
 * Returns a function that runs the same shutdown programmatically.
 */
export function onShutdown(
  stops: Array<() => Promise<void>>,
  label = "Stopping",
): (code?: number) => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = (code = 0) => {
    running ??= (async () => {
      console.log(`\n${label}…`);
      for (const stop of [...stops].reverse()) {
        try {
          await stop();
        } catch (error) {
          console.error(error instanceof Error ? error.message : error);
        }
      }
      process.exit(code);
    })();
    return running;
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGHUP", () => void shutdown(0));
  return shutdown;
}

/** Polls `url` until it answers (any HTTP status below 500 unless `ok` says otherwise). */
export async function waitForHttp(
  url: string,
  {
    timeoutMs = 60_000,
    ok = (status: number) => status < 500,
    abortIf,
  }: {
    timeoutMs?: number;
    ok?: (status: number) => boolean;
    abortIf?: () => string | undefined;
  } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const reason = abortIf?.();
    if (reason) throw new Error(reason);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: "manual" });
      if (ok(response.status)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000}s (${last})`);
}

/** Runs a CLI's `main`, then `shutdown` with its exit code (1, after the stack, when it throws). */
export function runMain(
  main: () => Promise<number>,
  shutdown: (code?: number) => Promise<void>,
): void {
  main()
    .then((code) => shutdown(code))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      void shutdown(1);
    });
}
