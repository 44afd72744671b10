// Support for the administration tests: CSV uploads, a database of a test's own (so it can hold
// states the shared one cannot, like a single admin), and a second web server.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate";
import { getFreePort } from "../../scripts/lib/ports";
import { startWebServer, type WebServer } from "../../scripts/lib/web";
import { testDb } from "./factories";
import type { Session } from "./http";
import { getStack, stackWebEnv } from "./stack";

/** POSTs `body` to the import route as `session` (text/csv unless told otherwise). */
export async function postCsv(
  session: Session,
  body: string | Uint8Array,
  options: { query?: string; contentType?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await session.fetch(`/api/admin/users/import${options.query ?? ""}`, {
    method: "POST",
    headers: { "content-type": options.contentType ?? "text/csv" },
    body: typeof body === "string" ? body : Buffer.from(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A fresh database with every migration applied; `drop()` removes it. */
export async function createOwnDatabase(prefix: string) {
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await testDb().$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(getStack().databaseUrl);
  url.pathname = `/${name}`;
  // The migrations' SQL, in order (what `prisma migrate deploy` applies, without its linger).
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const dir of readdirSync(MIGRATIONS_DIR)
      .filter((d) => /^\d+_/.test(d))
      .sort()) {
      await client.query(readFileSync(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8"));
    }
  } finally {
    await client.end();
  }
  return {
    url: url.toString(),
    drop: () => testDb().$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * Another `next start` of the shared build, on the stack's database and Soketi unless told
 * otherwise (its own database, or a port where no realtime server listens).
 */
export async function startOtherWebServer(
  overrides: { databaseUrl?: string; pusherPort?: number } = {},
): Promise<WebServer> {
  return startWebServer({
    mode: "start",
    port: await getFreePort(),
    env: stackWebEnv(overrides),
    quiet: true,
  });
}
