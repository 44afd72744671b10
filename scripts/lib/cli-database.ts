// The database of the one-shot CLIs (`pnpm db:migrate`, `pnpm db:seed`): DATABASE_URL when it
// is set, otherwise the embedded development PostgreSQL (started for the command, then stopped).
// The long-running local stack uses stack-database.ts instead.
import path from "node:path";
import { REPO_ROOT } from "./paths.ts";
import { DEV_POSTGRES, PortInUseError, startEmbeddedPostgres } from "./postgres.ts";

/** Runs `fn` with a database URL; starts and afterwards stops the embedded dev database if needed. */
export async function withDatabase<T>(fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return fn(fromEnv);
  let pg;
  try {
    pg = await startEmbeddedPostgres({
      ...DEV_POSTGRES,
      dataDir: path.join(REPO_ROOT, DEV_POSTGRES.dataDir),
      log: (message) => console.log(`postgres: ${message}`),
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      throw new Error(`${error.message}, or set DATABASE_URL to use another PostgreSQL`);
    }
    throw error;
  }
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}
