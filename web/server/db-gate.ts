import "server-only";
import { Pool } from "pg";
import { getServerEnv } from "@/env";

/** How long one reachability probe may take before the database counts as down. */
export const PROBE_TIMEOUT_MS = 500;
/** How long a failed probe answers for: pages get 503 at once, without a probe of their own. */
export const DOWN_FRESH_MS = 1000;

export type GateOptions = {
  /** One round trip to the database; rejects (or never settles) when it is unreachable. */
  probe: () => Promise<unknown>;
  timeoutMs?: number;
  downFreshMs?: number;
  now?: () => number;
  /** Called when the verdict flips (down with the probe's error, or up again). */
  onChange?: (available: boolean, error?: unknown) => void;
};

/** One probe: `index` counts the probes sent before it, set when it goes out. */
type Run = { index: number; result: Promise<boolean> };
/**
 * Whether a page request may go on to render: PostgreSQL answered a probe sent after the request
 * arrived. An "up" from an older probe is never trusted (the database may have hung since, and a
 * page that passes would hang on its first query and end as a 500), so each page waits one
 * round trip, shared by every request that arrives before that probe goes out; at most one
 * probe is in flight. A "down" is trusted for `downFreshMs`, so while the database is away requests
 * are answered at once and it is probed about once per that period, not once per request.
 */
export class DatabaseGate {
  private readonly probe: () => Promise<unknown>;
  private readonly timeoutMs: number;
  private readonly downFreshMs: number;
  private readonly now: () => number;
  private readonly onChange?: GateOptions["onChange"];
  private sent = 0;
  private inFlight: Run | undefined;
  private downSince: number | undefined;
  private available = true;

  constructor(options: GateOptions) {
    this.probe = options.probe;
    this.timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
    this.downFreshMs = options.downFreshMs ?? DOWN_FRESH_MS;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange;
  }

  /** Resolves true when the database answered after this call began, false when it did not. */
  async isAvailable(): Promise<boolean> {
    const arrival = this.sent;
    for (;;) {
      if (this.downSince !== undefined && this.now() - this.downSince < this.downFreshMs)
        return false;
      const run = this.inFlight ?? this.start();
      if (!(await run.result)) return false;
      if (run.index >= arrival) return true;
      // That probe went out before this request arrived; the next one decides.
    }
  }

  /** A probe that goes out on the next turn of the event loop, so a burst of arrivals shares it. */
  private start(): Run {
    const run: Run = { index: -1, result: Promise.resolve(false) };
    run.result = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        run.index = this.sent++;
        return this.attempt();
      })
      .then((error) => {
        if (this.inFlight === run) this.inFlight = undefined;
        this.record(error);
        return error === undefined;
      });
    this.inFlight = run;
    return run;
  }

  /** The probe's error, or undefined when it answered in time. Never rejects. */
  private attempt(): Promise<unknown> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      let pending: Promise<unknown>;
      try {
        pending = this.probe();
      } catch (error) {
        pending = Promise.reject(error);
      }
      void pending
        .then(
          () => resolve(undefined),
          (error: unknown) => resolve(error ?? new Error("probe failed")),
        )
        .finally(() => clearTimeout(timer));
    });
  }

  private record(error: unknown) {
    const available = error === undefined;
    this.downSince = available ? undefined : this.now();
    if (available !== this.available) {
      this.available = available;
      this.onChange?.(available, error);
    }
  }
}

/** The files in `web/public` (a unit test keeps this list in step with the folder). */
export const GATE_EXEMPT_FILES: ReadonlySet<string> = new Set(["/robots.txt"]);

/**
 * Whether a request that reached the proxy (never /api: API routes answer their own 503) renders
 * something that reads the database. Every page does, through the root layout (the session's
 * user, the event cursor), the 404 page included; the files in `web/public` and Next's own
 * assets and dev endpoints do not.
 */
export function needsDatabase(path: string): boolean {
  if (path.startsWith("/_next/") || path.startsWith("/__nextjs")) return false;
  return !GATE_EXEMPT_FILES.has(path);
}

function probeThroughOwnConnection(): () => Promise<unknown> {
  const env = getServerEnv();
  // Its own connection, not the app's pool: a pool busy with real work must not read as a
  // database that is down, and a probe must never queue behind hung queries.
  const pool = new Pool({
    connectionString: env.DATABASE_URL,
    max: 1,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
    idleTimeoutMillis: 0,
    keepAlive: true,
    application_name: "livecampus-gate",
  });
  // An idle connection that breaks (PostgreSQL restarted) is dropped; the next probe reconnects.
  pool.on("error", () => undefined);
  return () => pool.query("SELECT 1");
}

// One gate per server process; on globalThis like the Prisma client, so the proxy's bundle and
// dev hot reloads share it.
const globalForGate = globalThis as unknown as { livecampusDbGate?: DatabaseGate };

/** The process's database gate for page requests (created on first use). */
export function getDatabaseGate(): DatabaseGate {
  globalForGate.livecampusDbGate ??= new DatabaseGate({
    probe: probeThroughOwnConnection(),
    onChange(available, error) {
      if (available) console.warn("[db-gate] PostgreSQL answers again: pages are served");
      else
        console.warn(
          `[db-gate] PostgreSQL did not answer (${error instanceof Error ? error.message : String(error)}): pages answer 503`,
        );
    },
  });
  return globalForGate.livecampusDbGate;
}
