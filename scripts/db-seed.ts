// `pnpm db:seed`: applies pending migrations, then seeds the demo data (prisma/seed.ts) into
// DATABASE_URL, or into the embedded development database when DATABASE_URL is unset.
// ADMIN_EMAIL + ADMIN_PASSWORD also create that admin; SEED_DEMO=false skips the demo data.
import { createPrismaClient } from "./lib/db-client.ts";
import { withDatabase } from "./lib/cli-database.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { seedFromEnv } from "../prisma/seed.ts";

try {
  await withDatabase(async (url) => {
    await applyMigrations(url, { log: (line) => line.trim() && console.log(`prisma: ${line}`) });
    const prisma = createPrismaClient(url);
    try {
      await seedFromEnv(prisma);
    } finally {
      await prisma.$disconnect();
    }
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
