import "server-only";
import pTimeout from "p-timeout";
import { getDb } from "@/server/db";
import { getPusherServer } from "@/server/realtime/pusher-instance";

const CHECK_TIMEOUT_MS = 2000;

export type HealthReport = {
  db: { ok: boolean; latencyMs?: number; error?: string };
  realtime: { ok: boolean; latencyMs?: number; error?: string };
};

async function probe(what: string, check: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await pTimeout(check(), { milliseconds: CHECK_TIMEOUT_MS, message: `${what} timed out` });
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Checks PostgreSQL (SELECT 1) and the Pusher-protocol server through its signed HTTP API
 * (GET /apps/{id}/channels), which every Pusher-compatible server answers.
 */
export async function checkHealth(): Promise<HealthReport> {
  const [db, realtime] = await Promise.all([
    probe("database", () => getDb().$queryRaw`SELECT 1`),
    probe("realtime server", async () => {
      const response = await getPusherServer().get({ path: "/channels" });
      if (response.status !== 200) throw new Error(`answered HTTP ${response.status}`);
    }),
  ]);
  return { db, realtime };
}
