// A database of a test's own on the stack's PostgreSQL, with every migration applied: for tests
// that need states the shared database cannot hold (a single admin, an outbox nobody else
// writes to).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate";
import { testDb } from "./factories";
import { getStack } from "./stack";

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
