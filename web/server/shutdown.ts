import "server-only";
import diagnostics from "node:diagnostics_channel";

type ExitingProcess = Pick<NodeJS.Process, "once" | "exit">;

/**
 * On SIGTERM or SIGINT: runs `onSignal` at once, and makes the process's exit wait for `drain()`
 * (at most `maxMs`). Next's own handler for these signals closes the HTTP server, waits for the
 * requests in flight and then calls `process.exit`; this delays that call, it never replaces it.
 */
export function drainBeforeExit(
  drain: () => Promise<void>,
  options: { maxMs: number; onSignal?: () => void },
  proc: ExitingProcess = process,
): void {
  let armed = false;
  const arm = () => {
    if (armed) return;
    armed = true;
    options.onSignal?.();
    const exit = proc.exit.bind(proc);
    let exiting = false;
    proc.exit = ((code?: number | string | null) => {
      if (exiting) return undefined as never;
      exiting = true;
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.maxMs);
      });
      void Promise.race([drain().catch(() => undefined), limit]).finally(() => {
        clearTimeout(timer);
        exit(code);
      });
      return undefined as never;
    }) as NodeJS.Process["exit"];
  };
  proc.once("SIGTERM", arm);
  proc.once("SIGINT", arm);
}

/** The header the proxy's active health checks carry (proxy/entrypoint.sh); clients' is dropped. */
export const PROBE_HEADER = "x-livecampus-probe";
/** Probes older than this say nothing about a proxy still checking this process. */
const PROBE_MEMORY_MS = 10_000;
/** The longest a close waits for the proxy to notice (Docker kills after 10 s in all). */
const MAX_LEAVE_MS = 4000;

type ProbeRequest = { headers: Record<string, string | string[] | undefined> };
type Closable = { close: (...args: never[]) => unknown };

/**
 * Takes this process out of the proxy's pool before its listener closes. A proxy that still
 * counts a replica as healthy connects to it after the listener closed, and must then resend
 * the request elsewhere; Caddy 2.6 (Debian's) sends such a retried POST with an empty body,
 * counts the failure against the replica that got it and, with no replica left, answers every
 * POST 503 for `fail_duration`. So while the proxy's health checks (PROBE_HEADER) reach this
 * process, a `server.close()` is held back for two probe intervals, during which probes are cut
 * off (the proxy marks the replica down on the first failed check) and everything else is
 * served as usual. Without probes (no proxy in front, `pnpm start`, DNS-discovered replicas)
 * a close happens at once.
 */
export class PoolExit {
  private probes: number[] = [];
  private leaving = false;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly schedule: (run: () => void, ms: number) => void = (run, ms) =>
      void setTimeout(run, ms),
  ) {}

  /**
   * A request has arrived: returns true for a probe that must fail (this process is leaving),
   * after noting when probes arrive.
   */
  failsProbe(request: ProbeRequest): boolean {
    if (request.headers[PROBE_HEADER] === undefined) return false;
    if (this.leaving) return true;
    const now = this.now();
    this.probes = [...this.probes.filter((at) => now - at < PROBE_MEMORY_MS), now];
    return false;
  }

  /** How long a close waits: two of the longest gaps between recent probes (0 without any). */
  leaveMs(): number {
    const now = this.now();
    const recent = this.probes.filter((at) => now - at < PROBE_MEMORY_MS);
    if (recent.length === 0) return 0;
    // The gap since the last probe counts too: with one probe seen, the next is due within it.
    let gap = now - recent.at(-1)!;
    for (let i = 1; i < recent.length; i++) gap = Math.max(gap, recent[i]! - recent[i - 1]!);
    return Math.min(MAX_LEAVE_MS, Math.max(500, 2 * gap + 250));
  }

  /** Makes `server.close()` wait leaveMs() with probes failing meanwhile (once per server). */
  holdClose(server: Closable): void {
    const marked = server as Closable & { [HELD]?: true };
    if (marked[HELD]) return;
    marked[HELD] = true;
    const close = server.close.bind(server) as (...args: unknown[]) => unknown;
    server.close = ((...args: unknown[]) => {
      const wait = this.leaveMs();
      this.leaving = true;
      if (wait === 0) close(...args);
      else this.schedule(() => close(...args), wait);
      return server;
    }) as Closable["close"];
  }
}

const HELD = Symbol("livecampus.closeHeld");

/**
 * Installs PoolExit on the HTTP servers of this process (Next's), through Node's documented
 * `http.server.request.start` diagnostics channel, which names the server of every request.
 */
export function leavePoolBeforeClose(exit = new PoolExit()): void {
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { request, socket, server } = message as {
      request: ProbeRequest;
      socket: { destroy(): void };
      server: Closable;
    };
    exit.holdClose(server);
    // Cut off: the proxy's check fails at once, and the page is rendered for no one.
    if (exit.failsProbe(request)) socket.destroy();
  });
}
