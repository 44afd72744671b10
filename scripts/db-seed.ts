// `pnpm db:seed`: applies pending migrations, then seeds the demo data (prisma/seed.ts) into
// DATABASE_URL, or into the embedded development database when DATABASE_URL is unset.
// ADMIN_EMAIL + ADMIN_PASSWORD also create that admin; SEED_DEMO=false skips the demo data.
import { createPrismaClient } from "./lib/db-client.ts";
import { withDatabase } from "./lib/dev-database.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD_DEFAULT, ensureAdmin, seedDemo } from "../prisma/seed.ts";

try {
  await withDatabase(async (url) => {
    await applyMigrations(url, { log: (line) => line.trim() && console.log(`prisma: ${line}`) });
    const prisma = createPrismaClient(url);
    try {
      const { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NAME, SEED_DEMO, DEMO_PASSWORD } = process.env;
      if (ADMIN_EMAIL && ADMIN_PASSWORD) {
        const admin = await ensureAdmin(prisma, {
          email: ADMIN_EMAIL,
          password: ADMIN_PASSWORD,
          name: ADMIN_NAME,
        });
        console.log(
          admin.created
            ? `Created admin ${admin.email}`
            : `Admin ${admin.email} already exists (password unchanged)`,
        );
      }
      if (SEED_DEMO !== "false") {
        const password = DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT;
        const result = await seedDemo(prisma, { password });
        console.log(
          result.created
            ? `Seeded demo data (${result.created} rows).`
            : "Demo data already present; nothing changed.",
        );
        console.log(
          `Demo logins (password "${password}"): ${Object.values(DEMO_ACCOUNTS)
            .map((a) => a.email)
            .join(", ")}`,
        );
      }
    } finally {
      await prisma.$disconnect();
    }
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
