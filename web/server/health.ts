import "server-only";
import pTimeout from "p-timeout";
import { getServerEnv } from "@/env";
import { getDb } from "@/server/db";
import { getPusherServer } from "@/server/realtime/pusher-instance";

const CHECK_TIMEOUT_MS = 1500;
/** An unsent outbox row older than this counts towards the backlog. */
const BACKLOG_AGE_MS = 60_000;

export const HEALTH_PARTS = ["db", "realtime", "outbox"] as const;
export type HealthPart = (typeof HEALTH_PARTS)[number];

/** The parts that are down (an unmeasurable outbox is not one of them). */
export function downParts(report: HealthReport): HealthPart[] {
  return HEALTH_PARTS.filter((part) => !report[part].ok && !report[part].unknown);
}
/** `unknown`: the part could not be measured (the outbox when its table cannot be read). */
export type Probe = { ok: boolean; unknown?: boolean; latencyMs?: number; error?: string };
export type HealthReport = Record<HealthPart, Probe> & {
  /** Unsent rows older than a minute, and the oldest unsent row's creation time. */
  backlog?: { count: number; limit: number; oldestUnsentAt: string | null };
};

async function probe(what: string, check: () => Promise<unknown>): Promise<Probe> {
  const started = performance.now();
  try {
    await pTimeout(check(), { milliseconds: CHECK_TIMEOUT_MS, message: `${what} timed out` });
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Soketi answers a request signed with a wrong secret with HTTP 200 and an error body
 * (`{"error": "...", "code": 401}`): only a 200 whose body is the channel list means the
 * server accepted the app's credentials.
 */
async function checkRealtime() {
  const response = await getPusherServer().get({ path: "/channels" });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`answered a body that is not JSON: ${text.slice(0, 200)}`);
  }
  const record = body as { channels?: unknown; error?: unknown; code?: unknown };
  if (record.error !== undefined || typeof record.channels !== "object" || record.channels === null)
    throw new Error(`refused the app's credentials: ${text.slice(0, 200)}`);
}

/**
 * Checks PostgreSQL (SELECT 1), the Pusher-protocol server through its signed HTTP API (GET
 * /apps/{id}/channels, which every Pusher-compatible server answers) and the outbox backlog.
 */
export async function checkHealth(): Promise<HealthReport> {
  const limit = getServerEnv().OUTBOX_BACKLOG_LIMIT;
  let backlog: HealthReport["backlog"];
  const [db, realtime, outbox] = await Promise.all([
    probe("database", () => getDb().$queryRaw`SELECT 1`),
    probe("realtime server", checkRealtime),
    probe("outbox", async () => {
      const [count, oldest] = await Promise.all([
        getDb().outboxEvent.count({
          where: { sentAt: null, createdAt: { lt: new Date(Date.now() - BACKLOG_AGE_MS) } },
        }),
        getDb().outboxEvent.findFirst({
          where: { sentAt: null },
          orderBy: { createdAt: "asc" },
          select: { createdAt: true },
        }),
      ]);
      backlog = { count, limit, oldestUnsentAt: oldest?.createdAt.toISOString() ?? null };
      if (count >= limit) throw new Error(`${count} events unsent for over a minute`);
    }),
  ]);
  // The backlog is only down when measured over the limit; a database that cannot be read is
  // the db part's failure, not a second one.
  if (!outbox.ok && !backlog)
    return { db, realtime, outbox: { ...outbox, unknown: true }, backlog };
  return { db, realtime, outbox, backlog };
}
