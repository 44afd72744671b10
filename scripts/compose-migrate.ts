// Entry of the compose stack's one-shot `migrate` service (web/Dockerfile, target `migrate`):
// `prisma migrate deploy`, then the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, then the demo
// data only when SEED_DEMO=true. Every step is idempotent, so it runs on every `up` and upgrade.
import { ensureAdmin, seedDemo } from "../prisma/seed.ts";
import { DEMO_PASSWORD_DEFAULT, demoPassword } from "../prisma/seed/demo-data.ts";
import { createPrismaClient } from "./lib/db-client.ts";
import { applyMigrations, getMigrationState } from "./lib/migrate.ts";

const log = (message: string) => console.log(`migrate │ ${message}`);

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is not set (see .env.example)`);
  return value;
}

async function waitForDatabase(databaseUrl: string, timeoutMs = 60_000): Promise<void> {
  // compose waits for the healthcheck, but pg_isready can pass a moment before logins do.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await getMigrationState(databaseUrl);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const databaseUrl = required("DATABASE_URL");
  const email = required("ADMIN_EMAIL");
  const password = required("ADMIN_PASSWORD");

  await waitForDatabase(databaseUrl);
  const migrations = await applyMigrations(databaseUrl, { log: (line) => log(line) });
  log(
    migrations.applied.length > 0
      ? `applied ${migrations.applied.join(", ")}`
      : "database schema is up to date",
  );

  const prisma = createPrismaClient(databaseUrl);
  try {
    const admin = await ensureAdmin(prisma, {
      email,
      password,
      name: process.env.ADMIN_NAME?.trim() || undefined,
    });
    log(
      admin.created
        ? `created admin ${admin.email}`
        : `admin ${admin.email} already exists (password unchanged)`,
    );

    if (process.env.SEED_DEMO?.trim().toLowerCase() === "true") {
      const password = demoPassword();
      if (password === DEMO_PASSWORD_DEFAULT) {
        log(
          `WARNING: demo accounts use the public password "${DEMO_PASSWORD_DEFAULT}"; set DEMO_PASSWORD on a reachable server`,
        );
      }
      const result = await seedDemo(prisma, { password });
      log(
        result.created > 0
          ? `seeded demo data (${result.created} rows)`
          : "demo data already present",
      );
    }
  } finally {
    await prisma.$disconnect();
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  // Exit explicitly: Prisma's JS engine can leave timers that would keep the job alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(`migrate │ FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
