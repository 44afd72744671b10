// One function per step of the demo seed, each idempotent on its own: a row is looked up by its
// natural key and created only when missing. Every step returns how many rows it created.
import bcrypt from "bcryptjs";
import type { Prisma } from "../../web/server/generated/prisma/client.ts";
import type { Role } from "../../web/server/generated/prisma/enums.ts";
import {
  DEMO_ACCOUNTS,
  DEMO_ANNOUNCEMENT,
  DEMO_ATTENDANCE,
  DEMO_COURSES,
  DEMO_ENROLLMENTS,
  DEMO_NOTIFICATIONS,
  DEMO_PAYMENTS,
  DEMO_SCORES,
  type AccountKey,
  type CourseKey,
} from "./demo-data.ts";

type Tx = Prisma.TransactionClient;

export type SeededUser = { id: string; email: string; name: string; role: Role };
export type SeededCourse = { id: string; title: string; teacherId: string; createdAt: Date };

/** What the steps after the courses share: the accounts, the courses and the seed's clock. */
export type SeedContext = {
  tx: Tx;
  users: Record<AccountKey, SeededUser>;
  courses: Record<CourseKey, SeededCourse>;
  /** `minutes` before the base time. */
  at(minutes: number): Date;
  /** Midnight UTC of the day `days` before the base time's day. */
  day(days: number): Date;
};

const TERM_MS = 30 * 24 * 60 * 60_000;
const DAY_MINUTES = 60 * 24;

/** The demo accounts; an existing one gets its role and password back if they changed. */
export async function seedUsers(tx: Tx, password: string, passwordHash: string) {
  let created = 0;
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
    // Compared before re-hashing, so an unchanged password leaves the row untouched.
    const data: { role?: Role; passwordHash?: string; active?: boolean } = {};
    if (existing.role !== account.role) data.role = account.role;
    // A demo account deactivated while trying the admin screens is usable again after a re-seed.
    if (!existing.active) data.active = true;
    if (!existing.passwordHash || !(await bcrypt.compare(password, existing.passwordHash)))
      data.passwordHash = passwordHash;
    users[key] = Object.keys(data).length
      ? await tx.user.update({ where: { id: existing.id }, data })
      : existing;
  }
  return { users, created };
}

/**
 * The courses, keyed by (teacher, title). The first one fixes the base time for everything else
 * ("now" of the first run; courses are dated a term before it), so re-runs on later days
 * compute the same dates.
 */
export async function seedCourses(tx: Tx, users: Record<AccountKey, SeededUser>) {
  let created = 0;
  const existingFirst = await tx.course.findFirst({
    where: { teacherId: users.teacher.id, title: DEMO_COURSES.algebra.title },
  });
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
      // A database seeded before courses had prices gets the demo price once; a price an admin
      // set since is kept.
      courses[key] =
        existing.priceCents === 0
          ? await tx.course.update({
              where: { id: existing.id },
              data: { priceCents: course.priceCents },
            })
          : existing;
      continue;
    }
    courses[key] = await tx.course.create({
      data: {
        title: course.title,
        description: course.description,
        teacherId,
        priceCents: course.priceCents,
        createdAt: new Date(base.getTime() - TERM_MS + course.offsetMinutes * 60_000),
      },
    });
    created++;
  }
  return { courses, base, created };
}

/** The clock of the steps below, from the base time seedCourses found. */
export function seedClock(base: Date): Pick<SeedContext, "at" | "day"> {
  return {
    at: (minutes) => new Date(base.getTime() - minutes * 60_000),
    day: (days) => {
      const d = new Date(Date.UTC(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate()));
      d.setUTCDate(d.getUTCDate() - days);
      return d;
    },
  };
}

export async function seedEnrollments({ tx, users, courses, at }: SeedContext) {
  let created = 0;
  for (const { student, course } of DEMO_ENROLLMENTS) {
    const studentId = users[student].id;
    const courseId = courses[course].id;
    if (await tx.enrollment.findUnique({ where: { studentId_courseId: { studentId, courseId } } }))
      continue;
    await tx.enrollment.create({
      data: { studentId, courseId, status: "ACTIVE", createdAt: at(DAY_MINUTES * 14) },
    });
    created++;
  }
  return created;
}

export async function seedScores({ tx, users, courses, at }: SeedContext) {
  let created = 0;
  for (const { student, course, title, score, maxScore, daysAgo } of DEMO_SCORES) {
    const key = { studentId: users[student].id, courseId: courses[course].id, title };
    if (await tx.score.findFirst({ where: key })) continue;
    await tx.score.create({
      data: { ...key, score, maxScore, createdAt: at(DAY_MINUTES * daysAgo) },
    });
    created++;
  }
  return created;
}

export async function seedAttendance({ tx, users, courses, day }: SeedContext) {
  let created = 0;
  const courseId = courses[DEMO_ATTENDANCE.course].id;
  for (const [student, statuses] of Object.entries(DEMO_ATTENDANCE.statuses) as Array<
    [keyof typeof DEMO_ATTENDANCE.statuses, (typeof DEMO_ATTENDANCE.statuses)["student"]]
  >) {
    const studentId = users[student].id;
    for (const [i, status] of statuses.entries()) {
      const date = day(i + 1);
      const where = { studentId_courseId_date: { studentId, courseId, date } };
      if (await tx.attendance.findUnique({ where })) continue;
      await tx.attendance.create({ data: { studentId, courseId, date, status } });
      created++;
    }
  }
  return created;
}

/**
 * Payments, keyed by (student, course, amount) whatever their status now, so approving the
 * pending one in the app and re-seeding does not bring a new pending one back.
 */
export async function seedPayments({ tx, users, courses, at }: SeedContext) {
  let created = 0;
  for (const payment of DEMO_PAYMENTS) {
    const key = {
      studentId: users[payment.student].id,
      courseId: courses[payment.course].id,
      amountCents: payment.amountCents,
    };
    if (await tx.payment.findFirst({ where: key })) continue;
    const paidAt = DAY_MINUTES * payment.daysAgo;
    await tx.payment.create({
      data: {
        ...key,
        status: payment.status,
        createdAt: at(paidAt),
        ...(payment.reviewed ? { reviewedById: users.admin.id, reviewedAt: at(paidAt - 60) } : {}),
      },
    });
    created++;
  }
  return created;
}

export async function seedNotifications({ tx, users, at }: SeedContext) {
  let created = 0;
  for (const { user, title, message, type, minutesAgo, read } of DEMO_NOTIFICATIONS) {
    const key = { userId: users[user].id, title };
    if (await tx.notification.findFirst({ where: key })) continue;
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
  return created;
}

export async function seedAnnouncement({ tx, users, at }: SeedContext) {
  const { title, message, minutesAgo } = DEMO_ANNOUNCEMENT;
  if (await tx.announcement.findFirst({ where: { title } })) return 0;
  await tx.announcement.create({
    data: { title, message, authorId: users.admin.id, createdAt: at(minutesAgo) },
  });
  return 1;
}
