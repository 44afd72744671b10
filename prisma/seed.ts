// Demo data for `pnpm dev` / `pnpm db:seed` (the demo accounts in README.md), and the compose
// stack's first admin.
//
// Idempotent: everything is looked up by a natural key (email, title, …) and only created
// when missing, so a second run changes nothing and never duplicates. Dates derive from the
// first course's creation time, so they too are identical on every run.
//
// What it creates (all passwords = DEMO_PASSWORD, default "livecampus"; the records are in
// seed/demo-data.ts, one function per step in seed/steps.ts):
//   admin@livecampus.test     ADMIN
//   teacher@livecampus.test   TEACHER  teaches "Algebra I" (FIRST course) and "Physics" (SECOND)
//   teacher2@livecampus.test  TEACHER  teaches "World History"
//   student@livecampus.test   STUDENT  ACTIVE in Algebra I and World History, NOT in Physics
//   student2@livecampus.test  STUDENT  ACTIVE in Algebra I and Physics
// "First" means ordered by (createdAt, title): Algebra I is created one minute before Physics.
// Plus scores, attendance, two payments (one COMPLETED, one PENDING), notifications and an
// announcement, so no dashboard starts empty.
//
// Run: `pnpm db:seed` (starts the embedded database when DATABASE_URL is unset), or
// `tsx prisma/seed.ts` / `prisma db seed` with DATABASE_URL set. As a script it also runs
// ensureAdmin() when ADMIN_EMAIL and ADMIN_PASSWORD are set, and skips the demo data when
// SEED_DEMO=false.
import { pathToFileURL } from "node:url";
import bcrypt from "bcryptjs";
import type { PrismaClient } from "../web/server/generated/prisma/client.ts";
import { DEMO_ACCOUNTS, demoPassword, type AccountKey, type CourseKey } from "./seed/demo-data.ts";
import {
  seedAnnouncement,
  seedAttendance,
  seedClock,
  seedCourses,
  seedEnrollments,
  seedNotifications,
  seedPayments,
  seedScores,
  seedUsers,
  type SeedContext,
  type SeededCourse,
  type SeededUser,
} from "./seed/steps.ts";

const BCRYPT_COST = 10;

export interface SeedDemoResult {
  users: Record<AccountKey, SeededUser>;
  courses: Record<CourseKey, SeededCourse>;
  /** Rows created by this run (0 on a re-run). */
  created: number;
}

const pick = <T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
const pickEach = <T extends object, K extends keyof T>(
  rows: Record<string, T>,
  keys: readonly K[],
) => Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, pick(row, keys)]));

/** Seeds the demo data (idempotent). `password` is every demo account's password. */
export async function seedDemo(
  prisma: PrismaClient,
  options: { password: string },
): Promise<SeedDemoResult> {
  // Hash outside the transaction (bcrypt is slow on purpose).
  const passwordHash = await bcrypt.hash(options.password, BCRYPT_COST);

  return prisma.$transaction(
    async (tx) => {
      // Two seeders at once (dev server and a manual `pnpm db:seed`) must not both insert.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('livecampus:seed'))`;
      const users = await seedUsers(tx, options.password, passwordHash);
      const courses = await seedCourses(tx, users.users);
      const context: SeedContext = {
        tx,
        users: users.users,
        courses: courses.courses,
        ...seedClock(courses.base),
      };
      let created = users.created + courses.created;
      for (const step of [
        seedEnrollments,
        seedScores,
        seedAttendance,
        seedPayments,
        seedNotifications,
        seedAnnouncement,
      ]) {
        created += await step(context);
      }
      return {
        users: pickEach(users.users, ["id", "email", "name", "role"]) as SeedDemoResult["users"],
        courses: pickEach(courses.courses, [
          "id",
          "title",
          "teacherId",
          "createdAt",
        ]) as SeedDemoResult["courses"],
        created,
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * Creates the first admin (compose stack: ADMIN_EMAIL / ADMIN_PASSWORD). An existing account
 * with that email is promoted to ADMIN if needed, but its password is left alone: the
 * variable seeds the first password, it does not reset it on every start.
 */
export async function ensureAdmin(
  prisma: PrismaClient,
  options: { email: string; password: string; name?: string },
): Promise<{ id: string; email: string; created: boolean }> {
  const email = options.email.trim().toLowerCase();
  if (!email.includes("@"))
    throw new Error(`ADMIN_EMAIL is not an email address: "${options.email}"`);
  if (options.password.length < 8) throw new Error("ADMIN_PASSWORD must be at least 8 characters");
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) {
    // The configured first admin must always be able to sign in: promoted and reactivated.
    if (existing.role !== "ADMIN" || !existing.active)
      await prisma.user.update({
        where: { id: existing.id },
        data: { role: "ADMIN", active: true },
      });
    return { id: existing.id, email, created: false };
  }
  const passwordHash = await bcrypt.hash(options.password, BCRYPT_COST);
  try {
    const user = await prisma.user.create({
      data: { email, name: options.name ?? "Administrator", role: "ADMIN", passwordHash },
    });
    return { id: user.id, email, created: true };
  } catch (error) {
    // Two containers starting at once: the other one created it.
    if ((error as { code?: string }).code === "P2002") {
      const user = await prisma.user.findUniqueOrThrow({ where: { email } });
      return { id: user.id, email, created: false };
    }
    throw error;
  }
}

/** True when the database has no users yet (`pnpm dev` seeds the demo data then). */
export async function databaseIsEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

/**
 * What `pnpm db:seed` and `prisma db seed` do: the admin from ADMIN_EMAIL/ADMIN_PASSWORD (when
 * both are set), then the demo data unless SEED_DEMO=false. Logs one line per step.
 */
export async function seedFromEnv(
  prisma: PrismaClient,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NAME, SEED_DEMO } = env;
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
    const password = demoPassword(env);
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
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error(
      "DATABASE_URL is not set (use `pnpm db:seed`, which starts the embedded database)",
    );
  const { createPrismaClient } = await import("../scripts/lib/db-client.ts");
  const prisma = createPrismaClient(databaseUrl);
  try {
    await seedFromEnv(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
