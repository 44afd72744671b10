// The database of the long-running local stack (`pnpm dev` / `pnpm start`, scripts/lib/local-stack.ts):
// DATABASE_URL when set, else the embedded PostgreSQL in .data/postgres, kept running until the
// stack stops; pending migrations applied; demo data when empty. The one-shot CLIs use
// cli-database.ts instead.
import path from "node:path";
import { applyMigrations } from "./migrate";
import { DEV_POSTGRES, startEmbeddedPostgres } from "./postgres";
import { REPO_ROOT } from "./paths";

export type PreparedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

export async function prepareDatabase(options: {
  log: (message: string) => void;
  /** Seed the demo accounts with this password when the database has no users; omit: never. */
  demoPassword?: string;
}): Promise<PreparedDatabase> {
  const { log } = options;
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  const embedded = !url;
  if (!url) {
    const pg = await startEmbeddedPostgres({
      ...DEV_POSTGRES,
      dataDir: path.join(REPO_ROOT, DEV_POSTGRES.dataDir),
      port: Number(process.env.EMBEDDED_POSTGRES_PORT ?? DEV_POSTGRES.port),
      log,
    });
    log(
      pg.reused
        ? `reusing PostgreSQL left running on port ${pg.port}`
        : `PostgreSQL ${pg.initialised ? "initialised and " : ""}started on port ${pg.port}`,
    );
    url = pg.url;
    stop = () => pg.stop();
  }
  try {
    await applyMigrations(url, { log });
    if (options.demoPassword !== undefined) {
      const { seedDemoIfEmpty } = await import("./seed-runner");
      const seeded = await seedDemoIfEmpty(url, { password: options.demoPassword });
      if (seeded) log("empty database: demo data seeded");
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, embedded, stop };
}
