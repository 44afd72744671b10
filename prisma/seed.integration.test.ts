// The demo seed on a real database: the demo accounts (README.md), idempotency, concurrent runs,
// password changes, and the compose stack's ensureAdmin.
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../scripts/lib/db-client.ts";
import { applyMigrations } from "../scripts/lib/migrate.ts";
import { startTemporaryPostgres, type EmbeddedPostgres } from "../scripts/lib/postgres.ts";
import { databaseIsEmpty, ensureAdmin, seedDemo } from "./seed.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD_DEFAULT } from "./seed/demo-data.ts";

let server: EmbeddedPostgres;
let prisma: PrismaClient;

async function counts() {
  const [users, courses, enrollments, payments, scores, attendance, notifications, announcements] =
    await Promise.all([
      prisma.user.count(),
      prisma.course.count(),
      prisma.enrollment.count(),
      prisma.payment.count(),
      prisma.score.count(),
      prisma.attendance.count(),
      prisma.notification.count(),
      prisma.announcement.count(),
    ]);
  return {
    users,
    courses,
    enrollments,
    payments,
    scores,
    attendance,
    notifications,
    announcements,
  };
}

/** Every row's id and updatedAt/createdAt, to prove a re-run touches nothing. */
async function snapshot() {
  return {
    users: await prisma.user.findMany({ orderBy: { id: "asc" } }),
    courses: await prisma.course.findMany({ orderBy: { id: "asc" } }),
    attendance: await prisma.attendance.findMany({ orderBy: { id: "asc" } }),
    payments: await prisma.payment.findMany({ orderBy: { id: "asc" } }),
  };
}

beforeAll(async () => {
  server = await startTemporaryPostgres({ database: "seed_test" });
  const first = await applyMigrations(server.url);
  expect(first.ranCli).toBe(true);
  // Warm start: nothing pending, so the CLI is not started at all.
  const second = await applyMigrations(server.url);
  expect(second).toMatchObject({ ranCli: false, applied: [] });
  prisma = createPrismaClient(server.url);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
});

describe("seedDemo", () => {
  it("creates the demo accounts and data", async () => {
    expect(await databaseIsEmpty(prisma)).toBe(true);
    const result = await seedDemo(prisma, { password: DEMO_PASSWORD_DEFAULT });
    expect(result.created).toBeGreaterThan(0);
    expect(await databaseIsEmpty(prisma)).toBe(false);

    for (const account of Object.values(DEMO_ACCOUNTS)) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: account.email } });
      expect(user.role).toBe(account.role);
      expect(await bcrypt.compare(DEMO_PASSWORD_DEFAULT, user.passwordHash!)).toBe(true);
      expect(user.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    }

    // teacher@'s courses in (createdAt, title) order: Algebra I first, Physics second.
    const teacher = await prisma.user.findUniqueOrThrow({
      where: { email: "teacher@livecampus.test" },
    });
    const [first, second, ...more] = await prisma.course.findMany({
      where: { teacherId: teacher.id },
      orderBy: [{ createdAt: "asc" }, { title: "asc" }],
    });
    expect(more).toEqual([]);
    expect(first?.title).toBe("Algebra I");
    expect(second?.title).toBe("Physics");

    const student = await prisma.user.findUniqueOrThrow({
      where: { email: "student@livecampus.test" },
    });
    const inFirst = await prisma.enrollment.findUnique({
      where: { studentId_courseId: { studentId: student.id, courseId: first!.id } },
    });
    const inSecond = await prisma.enrollment.findUnique({
      where: { studentId_courseId: { studentId: student.id, courseId: second!.id } },
    });
    expect(inFirst?.status).toBe("ACTIVE");
    expect(inSecond).toBeNull();
    expect(
      await prisma.user.findUnique({ where: { email: "student2@livecampus.test" } }),
    ).not.toBeNull();

    const payments = await prisma.payment.findMany();
    expect(payments.map((p) => p.status).sort()).toEqual(["COMPLETED", "PENDING"]);
    expect(await prisma.score.count({ where: { studentId: student.id } })).toBeGreaterThan(0);
    expect(await prisma.attendance.count({ where: { studentId: student.id } })).toBeGreaterThan(0);
    expect(await prisma.notification.count({ where: { userId: student.id } })).toBeGreaterThan(0);
    expect(await prisma.announcement.count()).toBe(1);
    expect(result.courses.algebra.id).toBe(first!.id);
    expect(result.users.student.id).toBe(student.id);
  });

  it("changes nothing when run again", async () => {
    const before = { counts: await counts(), rows: await snapshot() };
    const again = await seedDemo(prisma, { password: DEMO_PASSWORD_DEFAULT });
    expect(again.created).toBe(0);
    expect(await counts()).toEqual(before.counts);
    expect(await snapshot()).toEqual(before.rows);
  });

  it("never duplicates when two seeders start on an empty database at once", async () => {
    const before = await counts();
    await prisma.$executeRawUnsafe(
      `TRUNCATE "User", "Course", "Enrollment", "Payment", "Score", "Attendance", "Notification", "Announcement" CASCADE`,
    );
    expect(await databaseIsEmpty(prisma)).toBe(true);
    const other = createPrismaClient(server.url);
    try {
      await Promise.all([
        seedDemo(prisma, { password: DEMO_PASSWORD_DEFAULT }),
        seedDemo(other, { password: DEMO_PASSWORD_DEFAULT }),
      ]);
    } finally {
      await other.$disconnect();
    }
    expect(await counts()).toEqual(before);
  });

  it("follows a changed DEMO_PASSWORD without adding rows", async () => {
    const before = await counts();
    await seedDemo(prisma, { password: "another-password" });
    const student = await prisma.user.findUniqueOrThrow({
      where: { email: "student@livecampus.test" },
    });
    expect(await bcrypt.compare("another-password", student.passwordHash!)).toBe(true);
    expect(await counts()).toEqual(before);
    await seedDemo(prisma, { password: DEMO_PASSWORD_DEFAULT });
  });

  it("leaves every demo account active, and reactivates one deactivated since", async () => {
    const email = "student2@livecampus.test";
    expect(await prisma.user.count({ where: { active: false } })).toBe(0);
    await prisma.user.update({ where: { email }, data: { active: false } });
    await seedDemo(prisma, { password: DEMO_PASSWORD_DEFAULT });
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).active).toBe(true);
  });
});

describe("ensureAdmin", () => {
  it("creates the first admin once and leaves an existing password alone", async () => {
    const created = await ensureAdmin(prisma, {
      email: "Ops@Example.test",
      password: "first-password",
    });
    expect(created.created).toBe(true);
    const again = await ensureAdmin(prisma, {
      email: "ops@example.test",
      password: "second-password",
    });
    expect(again).toEqual({ id: created.id, email: "ops@example.test", created: false });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "ops@example.test" } });
    expect(user.role).toBe("ADMIN");
    expect(await bcrypt.compare("first-password", user.passwordHash!)).toBe(true);
  });

  it("promotes and reactivates an existing account so the first admin can always sign in", async () => {
    const user = await prisma.user.create({
      data: { email: "locked@example.test", name: "L", role: "STUDENT", active: false },
    });
    await ensureAdmin(prisma, { email: "locked@example.test", password: "first-password" });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.role, after.active]).toEqual(["ADMIN", true]);
  });

  it("rejects a too-short password", async () => {
    await expect(
      ensureAdmin(prisma, { email: "x@example.test", password: "short" }),
    ).rejects.toThrow(/at least 8/);
  });
});
