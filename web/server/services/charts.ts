import "server-only";
import { getDb } from "@/server/db";
import type { AttendanceStatus } from "@/lib/domain";

/** How many weeks the admin's trend covers, and how many sessions the teacher's attendance. */
const WEEKS = 8;
const SESSIONS = 10;
const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week `date` falls in. */
export function weekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/** The Mondays of the last `weeks` weeks up to the one of `now`, oldest first (YYYY-MM-DD). */
export function lastWeeks(now: Date, weeks = WEEKS): string[] {
  const current = weekStart(now).getTime();
  return Array.from({ length: weeks }, (_, i) =>
    new Date(current - (weeks - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10),
  );
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** One session (course date) of the teacher's attendance chart: how many of each status. */
export type AttendanceSession = { date: string } & Record<AttendanceStatus, number>;

/**
 * The teacher dashboard's charts: each course's class average (all its scores, as a percentage
 * of the points possible) and the attendance of the last sessions over all the courses.
 */
export async function getTeacherCharts(courses: readonly { id: string; title: string }[]) {
  const db = getDb();
  const courseIds = courses.map((c) => c.id);
  const [sums, dates] = await Promise.all([
    db.score.groupBy({
      by: ["courseId"],
      where: { courseId: { in: courseIds } },
      _sum: { score: true, maxScore: true },
    }),
    db.attendance.findMany({
      where: { courseId: { in: courseIds } },
      distinct: ["date"],
      orderBy: { date: "desc" },
      take: SESSIONS,
      select: { date: true },
    }),
  ]);
  const counts = dates.length
    ? await db.attendance.groupBy({
        by: ["date", "status"],
        where: { courseId: { in: courseIds }, date: { in: dates.map((d) => d.date) } },
        _count: { _all: true },
      })
    : [];
  const sessions = new Map<string, AttendanceSession>();
  for (const { date } of [...dates].reverse()) {
    const key = date.toISOString().slice(0, 10);
    sessions.set(key, { date: key, present: 0, late: 0, absent: 0, excused: 0 });
  }
  for (const row of counts) {
    const session = sessions.get(row.date.toISOString().slice(0, 10));
    if (session) session[row.status] = row._count._all;
  }
  return {
    classAverages: courses.map((course) => {
      const sum = sums.find((s) => s.courseId === course.id)?._sum;
      return {
        courseId: course.id,
        title: course.title,
        averagePct: percent(sum?.score ?? 0, sum?.maxScore ?? 0),
      };
    }),
    attendanceSessions: [...sessions.values()],
  };
}

/**
 * The admin dashboard's trend: per week (Monday, UTC) of the last eight, the enrollments made
 * and the revenue approved (completed payments by the time of their approval).
 */
export async function getAdminCharts(now = new Date()) {
  const db = getDb();
  const weeks = lastWeeks(now);
  const since = new Date(`${weeks[0]}T00:00:00.000Z`);
  const [enrollments, payments] = await Promise.all([
    db.enrollment.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true } }),
    db.payment.findMany({
      where: { status: "COMPLETED", reviewedAt: { gte: since } },
      select: { reviewedAt: true, amountCents: true },
    }),
  ]);
  const byWeek = new Map(weeks.map((week) => [week, { week, enrollments: 0, revenueCents: 0 }]));
  const weekOf = (date: Date) => byWeek.get(weekStart(date).toISOString().slice(0, 10));
  for (const e of enrollments) {
    const week = weekOf(e.createdAt);
    if (week) week.enrollments += 1;
  }
  for (const p of payments) {
    const week = p.reviewedAt && weekOf(p.reviewedAt);
    if (week) week.revenueCents += p.amountCents;
  }
  return { weekly: [...byWeek.values()] };
}
