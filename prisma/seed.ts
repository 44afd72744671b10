// Demo data for `pnpm dev` / `pnpm db:seed` (contract §4), and the compose stack's first admin.
//
// Idempotent: everything is looked up by a natural key (email, title, …) and only created
// when missing, so a second run changes nothing and never duplicates. Dates derive from the
// first course's creation time, so they too are identical on every run.
//
// What it creates (all passwords = DEMO_PASSWORD, default "livecampus"):
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
import type {
  AttendanceStatus,
  NotificationType,
  Role,
} from "../web/server/generated/prisma/enums.ts";

export const DEMO_PASSWORD_DEFAULT = "livecampus";
const BCRYPT_COST = 10;

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@livecampus.test", name: "Ada Admin", role: "ADMIN" },
  teacher: { email: "teacher@livecampus.test", name: "Theo Teacher", role: "TEACHER" },
  teacher2: { email: "teacher2@livecampus.test", name: "Tara Teacher", role: "TEACHER" },
  student: { email: "student@livecampus.test", name: "Sam Student", role: "STUDENT" },
  student2: { email: "student2@livecampus.test", name: "Sasha Student", role: "STUDENT" },
} as const satisfies Record<string, { email: string; name: string; role: Role }>;

/** Course titles; `algebra` is teacher@'s first course and `physics` the second. */
export const DEMO_COURSES = {
  algebra: {
    title: "Algebra I",
    description: "Equations, functions and graphs.",
    teacher: "teacher",
    offsetMinutes: 0,
  },
  physics: {
    title: "Physics",
    description: "Mechanics, energy and waves.",
    teacher: "teacher",
    offsetMinutes: 1,
  },
  history: {
    title: "World History",
    description: "From the first cities to the modern world.",
    teacher: "teacher2",
    offsetMinutes: 2,
  },
} as const;

type AccountKey = keyof typeof DEMO_ACCOUNTS;
type CourseKey = keyof typeof DEMO_COURSES;

interface SeededUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
interface SeededCourse {
  id: string;
  title: string;
  teacherId: string;
  createdAt: Date;
}

export interface SeedDemoResult {
  users: Record<AccountKey, SeededUser>;
  courses: Record<CourseKey, SeededCourse>;
  /** Rows created by this run (0 on a re-run). */
  created: number;
}

/** Seeds the demo data (idempotent). `password` is every demo account's password. */
export async function seedDemo(
  prisma: PrismaClient,
  options: { password: string },
): Promise<SeedDemoResult> {
  let created = 0;
  // Hash outside the transaction (bcrypt is slow on purpose); compared before re-hashing so an
  // unchanged password leaves the row untouched.
  const passwordHash = await bcrypt.hash(options.password, BCRYPT_COST);

  return prisma.$transaction(
    async (tx) => {
      // Two seeders at once (dev server and a manual `pnpm db:seed`) must not both insert.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('livecampus:seed'))`;

      const users = {} as Record<AccountKey, SeededUser>;
      for (const [key, account] of Object.entries(DEMO_ACCOUNTS) as Array<
        [AccountKey, (typeof DEMO_ACCOUNTS)[AccountKey]]
      >) {
        const existing = await tx.user.findUnique({ where: { email: account.email } });
        if (!existing) {
          users[key] = await tx.user.create({
            data: { email: account.email, name: account.name, role: account.role, passwordHash },
          });
          created++;
          continue;
        }
        const data: { role?: Role; passwordHash?: string } = {};
        if (existing.role !== account.role) data.role = account.role;
        if (!(await bcrypt.compare(options.password, existing.passwordHash)))
          data.passwordHash = passwordHash;
        users[key] = Object.keys(data).length
          ? await tx.user.update({ where: { id: existing.id }, data })
          : existing;
      }

      // Courses: keyed by (teacher, title). The first one fixes the base time for everything
      // else, so re-runs on later days compute the same dates.
      const existingFirst = await tx.course.findFirst({
        where: { teacherId: users.teacher.id, title: DEMO_COURSES.algebra.title },
      });
      // `base` is "now" of the first run; courses are dated a term (30 days) before it.
      const TERM_MS = 30 * 24 * 60 * 60_000;
      const base = existingFirst
        ? new Date(existingFirst.createdAt.getTime() + TERM_MS)
        : new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const courses = {} as Record<CourseKey, SeededCourse>;
      for (const [key, course] of Object.entries(DEMO_COURSES) as Array<
        [CourseKey, (typeof DEMO_COURSES)[CourseKey]]
      >) {
        const teacherId = users[course.teacher].id;
        const existing = await tx.course.findFirst({
          where: { teacherId, title: course.title },
          orderBy: { createdAt: "asc" },
        });
        if (existing) {
          courses[key] = existing;
        } else {
          courses[key] = await tx.course.create({
            data: {
              title: course.title,
              description: course.description,
              teacherId,
              createdAt: new Date(base.getTime() - TERM_MS + course.offsetMinutes * 60_000),
            },
          });
          created++;
        }
      }

      const day = (daysBefore: number) => {
        const d = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate()));
        d.setUTCDate(d.getUTCDate() - daysBefore);
        return d;
      };
      const at = (minutesBefore: number) => new Date(base.getTime() - minutesBefore * 60_000);

      // Enrollments: student@ is in the teacher's first course and NOT in the second.
      const enrollments: Array<[AccountKey, CourseKey]> = [
        ["student", "algebra"],
        ["student", "history"],
        ["student2", "algebra"],
        ["student2", "physics"],
      ];
      for (const [student, course] of enrollments) {
        const where = {
          studentId_courseId: { studentId: users[student].id, courseId: courses[course].id },
        };
        if (!(await tx.enrollment.findUnique({ where }))) {
          await tx.enrollment.create({
            data: {
              studentId: users[student].id,
              courseId: courses[course].id,
              status: "ACTIVE",
              createdAt: at(60 * 24 * 14),
            },
          });
          created++;
        }
      }

      const scores: Array<[AccountKey, CourseKey, string, number, number, number]> = [
        ["student", "algebra", "Quiz 1", 8, 10, 10],
        ["student", "algebra", "Homework 1", 17, 20, 5],
        ["student", "history", "Essay 1", 42, 50, 3],
        ["student2", "algebra", "Quiz 1", 9, 10, 10],
        ["student2", "physics", "Lab report 1", 18, 20, 4],
      ];
      for (const [student, course, title, score, maxScore, daysAgo] of scores) {
        const key = { studentId: users[student].id, courseId: courses[course].id, title };
        if (!(await tx.score.findFirst({ where: key }))) {
          await tx.score.create({
            data: { ...key, score, maxScore, createdAt: at(60 * 24 * daysAgo) },
          });
          created++;
        }
      }

      // Five class days of attendance in Algebra I for both students.
      const pattern: Record<"student" | "student2", AttendanceStatus[]> = {
        student: ["present", "present", "late", "present", "absent"],
        student2: ["present", "excused", "present", "present", "present"],
      };
      for (const student of ["student", "student2"] as const) {
        for (const [i, status] of pattern[student].entries()) {
          const date = day(i + 1);
          const where = {
            studentId_courseId_date: {
              studentId: users[student].id,
              courseId: courses.algebra.id,
              date,
            },
          };
          if (!(await tx.attendance.findUnique({ where }))) {
            await tx.attendance.create({
              data: { studentId: users[student].id, courseId: courses.algebra.id, date, status },
            });
            created++;
          }
        }
      }

      // Payments, keyed by (student, course, amount) whatever their status now, so approving
      // the pending one in the app and re-seeding does not bring a new pending one back.
      const payments = [
        {
          student: "student",
          course: "algebra",
          amountCents: 12_000,
          status: "COMPLETED",
          reviewed: true,
          daysAgo: 12,
        },
        {
          student: "student2",
          course: "physics",
          amountCents: 9_900,
          status: "PENDING",
          reviewed: false,
          daysAgo: 1,
        },
      ] as const;
      for (const p of payments) {
        const key = {
          studentId: users[p.student].id,
          courseId: courses[p.course].id,
          amountCents: p.amountCents,
        };
        if (!(await tx.payment.findFirst({ where: key }))) {
          await tx.payment.create({
            data: {
              ...key,
              status: p.status,
              createdAt: at(60 * 24 * p.daysAgo),
              ...(p.reviewed
                ? { reviewedById: users.admin.id, reviewedAt: at(60 * 24 * p.daysAgo - 60) }
                : {}),
            },
          });
          created++;
        }
      }

      const notifications: Array<[AccountKey, string, string, NotificationType, number, boolean]> =
        [
          [
            "student",
            "Welcome to LiveCampus",
            "Your dashboard updates live: scores, attendance and payments appear as they happen.",
            "info",
            60 * 24 * 14,
            true,
          ],
          [
            "student",
            "Payment approved",
            "Your payment of $120.00 for Algebra I was approved.",
            "success",
            60 * 24 * 12 - 60,
            true,
          ],
          ["student", "New score in Algebra I", "Homework 1: 17 / 20", "info", 60 * 24 * 5, false],
          [
            "student2",
            "Welcome to LiveCampus",
            "Your dashboard updates live: scores, attendance and payments appear as they happen.",
            "info",
            60 * 24 * 14,
            false,
          ],
          [
            "student2",
            "Payment received",
            "Your payment of $99.00 for Physics is waiting for approval.",
            "warning",
            60 * 24,
            false,
          ],
          [
            "teacher",
            "New enrollment",
            "Sasha Student enrolled in Physics.",
            "info",
            60 * 24 * 14,
            false,
          ],
          [
            "admin",
            "Payment to review",
            "Sasha Student paid $99.00 for Physics.",
            "warning",
            60 * 24,
            false,
          ],
        ];
      for (const [user, title, message, type, minutesAgo, read] of notifications) {
        const key = { userId: users[user].id, title };
        if (!(await tx.notification.findFirst({ where: key }))) {
          await tx.notification.create({
            data: {
              ...key,
              message,
              type,
              createdAt: at(minutesAgo),
              readAt: read ? at(minutesAgo - 30) : null,
            },
          });
          created++;
        }
      }

      const announcement = {
        title: "Welcome to the new term",
        message: "Classes start on Monday. Check your courses for the schedule.",
      };
      if (!(await tx.announcement.findFirst({ where: { title: announcement.title } }))) {
        await tx.announcement.create({
          data: { ...announcement, authorId: users.admin.id, createdAt: at(60 * 24 * 7) },
        });
        created++;
      }

      const pick = (u: SeededUser): SeededUser => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
      });
      const pickCourse = (c: SeededCourse): SeededCourse => ({
        id: c.id,
        title: c.title,
        teacherId: c.teacherId,
        createdAt: c.createdAt,
      });
      return {
        users: Object.fromEntries(Object.entries(users).map(([k, u]) => [k, pick(u)])) as Record<
          AccountKey,
          SeededUser
        >,
        courses: Object.fromEntries(
          Object.entries(courses).map(([k, c]) => [k, pickCourse(c)]),
        ) as Record<CourseKey, SeededCourse>,
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
    if (existing.role !== "ADMIN")
      await prisma.user.update({ where: { id: existing.id }, data: { role: "ADMIN" } });
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
  const { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_NAME, SEED_DEMO, DEMO_PASSWORD } = env;
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
