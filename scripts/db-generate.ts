// `pnpm db:generate` and the root postinstall: generates the Prisma client into
// web/server/generated/prisma. Prisma 6 tries to download a native engine when the
// datasource URL cannot be resolved, so a placeholder DATABASE_URL is set when there is none
// (generate never connects).
import { runPrismaCli } from "./lib/migrate.ts";

const started = Date.now();
try {
  await runPrismaCli(["generate"], {
    env: {
      DATABASE_URL:
        process.env.DATABASE_URL || "postgresql://generate:generate@localhost:5432/generate",
    },
    log: (line) => {
      if (line.trim()) console.log(line);
    },
  });
  console.log(`Prisma client generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
