// `pnpm db:migrate`: applies pending prisma/migrations to DATABASE_URL, or to the embedded
// development database when DATABASE_URL is unset.
import { withDatabase } from "./lib/cli-database.ts";
import { applyMigrations } from "./lib/migrate.ts";

try {
  const result = await withDatabase((url) =>
    applyMigrations(url, { log: (line) => line.trim() && console.log(`prisma: ${line}`) }),
  );
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")} (${(result.durationMs / 1000).toFixed(1)} s)`
      : "Database is up to date; no pending migrations.",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
