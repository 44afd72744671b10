// The real Prisma CLI over the JS schema engine (prisma.config.ts → prisma/adapter.ts) on a
// fresh embedded PostgreSQL 17: deploy, status, and `migrate dev` with a shadow database.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../web/server/generated/prisma/client.ts";
import { getMigrationState, runPrismaCli } from "../scripts/lib/migrate.ts";
import { REPO_ROOT } from "../scripts/lib/paths.ts";
import { startTemporaryPostgres, type EmbeddedPostgres } from "../scripts/lib/postgres.ts";
import { parseDatabaseUrl } from "./adapter.ts";

const DEPLOYED = /All migrations have been successfully applied\.|No pending migrations to apply\./;

let server: EmbeddedPostgres;
let project: string;

async function query<T extends pg.QueryResultRow>(
  sql: string,
  database = server.database,
): Promise<T[]> {
  const client = new pg.Client({ ...parseDatabaseUrl(server.url), database });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the prisma/ folder with a config that loads this repo's adapter by absolute path. */
async function makeProjectCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "livecampus-prisma-"));
  await cp(path.join(REPO_ROOT, "prisma", "migrations"), path.join(dir, "prisma", "migrations"), {
    recursive: true,
  });
  await cp(
    path.join(REPO_ROOT, "prisma", "schema.prisma"),
    path.join(dir, "prisma", "schema.prisma"),
  );
  const prismaConfig = createRequire(import.meta.url).resolve("prisma/config");
  await writeFile(
    path.join(dir, "prisma.config.ts"),
    `import { defineConfig } from ${JSON.stringify(prismaConfig)};
import { schemaEngineAdapter } from ${JSON.stringify(path.join(REPO_ROOT, "prisma", "adapter.ts"))};
export default defineConfig({
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  adapter: async () => schemaEngineAdapter(process.env.DATABASE_URL),
});
`,
  );
  return dir;
}

beforeAll(async () => {
  server = await startTemporaryPostgres({ database: "adapter_test" });
  project = await makeProjectCopy();
});

afterAll(async () => {
  await server?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe("Prisma CLI over the JS schema engine", () => {
  it("`migrate deploy` applies the migrations, CHECK constraint included", async () => {
    const result = await runPrismaCli(["migrate", "deploy"], {
      env: { DATABASE_URL: server.url },
      doneWhen: DEPLOYED,
    });
    expect(result.output).toContain("All migrations have been successfully applied.");
    const state = await getMigrationState(server.url);
    expect(state.pending).toEqual([]);
    expect(state.applied).toEqual(state.local);
    const checks = await query<{ name: string }>(
      `SELECT conname::text AS name FROM pg_constraint WHERE contype = 'c' AND conrelid = '"Payment"'::regclass`,
    );
    expect(checks).toEqual([{ name: "Payment_amountCents_positive" }]);
  });

  it("`migrate status` reports the database up to date", async () => {
    // Status introspects pg_catalog ("name" and "char" columns, the CHECK constraint): the
    // type-decoding workaround is what makes this pass.
    const result = await runPrismaCli(["migrate", "status"], { env: { DATABASE_URL: server.url } });
    expect(result.output).toContain("Database schema is up to date!");
  });

  it("the committed migrations match schema.prisma (no migration forgotten)", async () => {
    // Replays prisma/migrations into a shadow database and diffs it against the schema;
    // --exit-code makes a difference exit 2.
    const result = await runPrismaCli(
      [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      { env: { DATABASE_URL: server.url } },
    );
    expect(result.output).toContain("No difference detected.");
  });

  it("`migrate dev` diffs through a shadow database and writes a new migration", async () => {
    const schemaFile = path.join(project, "prisma", "schema.prisma");
    const schema = await readFile(schemaFile, "utf8");
    await writeFile(
      schemaFile,
      schema.replace(/(\n\s+lastError\s+String\?)/, "$1\n  priority Int @default(0)"),
    );

    const result = await runPrismaCli(
      ["migrate", "dev", "--name", "add_priority", "--skip-generate", "--skip-seed"],
      {
        cwd: project,
        env: { DATABASE_URL: server.url },
        doneWhen: /Your database is now in sync with your schema\./,
      },
    );
    expect(result.output).toContain("Your database is now in sync with your schema.");

    const created = (await readdir(path.join(project, "prisma", "migrations"))).filter((name) =>
      name.endsWith("_add_priority"),
    );
    expect(created).toHaveLength(1);
    const sql = await readFile(
      path.join(project, "prisma", "migrations", created[0]!, "migration.sql"),
      "utf8",
    );
    expect(sql).toMatch(
      /ALTER TABLE "OutboxEvent" ADD COLUMN\s+"priority" INTEGER NOT NULL DEFAULT 0/,
    );
    // The hand-written CHECK is invisible to Prisma's diff: it must not be dropped.
    expect(sql).not.toContain("Payment_amountCents_positive");
    expect(await query(`SELECT "priority" FROM "OutboxEvent" LIMIT 1`)).toEqual([]);
    // The shadow database was dropped again (closed first, then dropped).
    expect(
      await query(
        `SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`,
        "postgres",
      ),
    ).toEqual([]);
  });

  it("`migrate deploy` runs a migration whose function body contains semicolons", async () => {
    const dir = path.join(project, "prisma", "migrations", "29991231000000_function_body");
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, "migration.sql"),
      `CREATE FUNCTION livecampus_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."nextAttemptAt" := now();
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION livecampus_touch() IS 'a;b';
`,
    );
    const result = await runPrismaCli(["migrate", "deploy"], {
      cwd: project,
      env: { DATABASE_URL: server.url },
      doneWhen: DEPLOYED,
    });
    expect(result.output).toContain("All migrations have been successfully applied.");
    expect(await query(`SELECT obj_description('livecampus_touch'::regproc) AS comment`)).toEqual([
      { comment: "a;b" },
    ]);

    const state = await getMigrationState(server.url, path.join(project, "prisma", "migrations"));
    expect(state.pending).toEqual([]);
  });
});

describe("runtime client with the stock PrismaPg adapter", () => {
  it("does CRUD, interactive transactions and honours the CHECK constraint", async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url }) });
    try {
      const teacher = await prisma.user.create({
        data: {
          name: "T",
          email: `t-${Date.now()}@example.test`,
          passwordHash: "x",
          role: "TEACHER",
        },
      });
      const course = await prisma.course.create({
        data: { title: "Runtime", teacherId: teacher.id },
      });
      const attendance = await prisma.attendance.create({
        data: {
          studentId: teacher.id,
          courseId: course.id,
          date: new Date("2026-03-02"),
          status: "late",
        },
      });
      expect(attendance.date.toISOString()).toBe("2026-03-02T00:00:00.000Z");
      const event = await prisma.outboxEvent.create({
        data: { channels: ["private-user-x"], event: "new-notification", payload: { a: [1, "b"] } },
      });
      expect(event).toMatchObject({
        channels: ["private-user-x"],
        payload: { a: [1, "b"] },
        attempts: 0,
        sentAt: null,
      });

      await expect(
        prisma.$transaction(async (tx) => {
          await tx.notification.create({
            data: { userId: teacher.id, title: "rolled back", message: "m" },
          });
          throw new Error("abort");
        }),
      ).rejects.toThrow("abort");
      expect(await prisma.notification.count({ where: { userId: teacher.id } })).toBe(0);

      await expect(
        prisma.payment.create({
          data: { studentId: teacher.id, courseId: course.id, amountCents: 0 },
        }),
      ).rejects.toThrow(/Payment_amountCents_positive/);
    } finally {
      await prisma.$disconnect();
    }
  });
});
