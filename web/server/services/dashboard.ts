import "server-only";
import { getDb } from "@/server/db";
import type { SessionUser } from "@/server/auth";
import { getAdminCharts, getTeacherCharts } from "@/server/services/charts";

const RECENT = 10;

type EnrollmentWithNames = {
  id: string;
  status: "ACTIVE" | "CANCELLED";
  createdAt: Date;
  course: { id: string; title: string };
  student: { id: string; name: string };
};

/** One line of an enrollment feed, with the same fields as the `new-enrollment` event. */
function toEnrollmentFeedItem(e: EnrollmentWithNames) {
  return {
    enrollmentId: e.id,
    courseId: e.course.id,
    courseName: e.course.title,
    studentId: e.student.id,
    studentName: e.student.name,
    status: e.status,
    timestamp: e.createdAt.toISOString(),
  };
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

export async function getStudentDashboard(studentId: string) {
  const db = getDb();
  const [enrollments, scores, attendance, payments, unread] = await Promise.all([
    db.enrollment.findMany({
      where: { studentId, status: "ACTIVE", course: { archivedAt: null } },
      orderBy: { createdAt: "asc" },
      include: { course: { include: { teacher: { select: { name: true } } } } },
    }),
    db.score.findMany({
      where: { studentId },
      orderBy: { updatedAt: "desc" },
      include: { course: { select: { title: true } } },
    }),
    db.attendance.findMany({
      where: { studentId },
      orderBy: { date: "desc" },
      include: { course: { select: { title: true } } },
    }),
    db.payment.findMany({
      where: { studentId },
      orderBy: { createdAt: "desc" },
      include: { course: { select: { title: true } } },
    }),
    db.notification.count({ where: { userId: studentId, readAt: null } }),
  ]);
  const scoreSum = scores.reduce((sum, s) => sum + s.score, 0);
  const maxSum = scores.reduce((sum, s) => sum + s.maxScore, 0);
  const attended = attendance.filter((a) => a.status === "present" || a.status === "late").length;
  // What is due per course, as amountDueCents (services/payments) counts it: the price less
  // what was paid or waits for review.
  const counted = new Map<string, number>();
  for (const p of payments)
    if (p.status === "PENDING" || p.status === "COMPLETED")
      counted.set(p.courseId, (counted.get(p.courseId) ?? 0) + p.amountCents);
  return {
    role: "STUDENT" as const,
    stats: {
      activeCourses: enrollments.length,
      averageScorePct: percent(scoreSum, maxSum),
      attendanceRatePct: percent(attended, attendance.length),
      pendingPayments: payments.filter((p) => p.status === "PENDING").length,
      unreadNotifications: unread,
    },
    courses: enrollments.map((e) => ({
      id: e.course.id,
      title: e.course.title,
      teacherName: e.course.teacher.name,
      enrolledAt: e.createdAt.toISOString(),
      priceCents: e.course.priceCents,
      amountDueCents: Math.max(0, e.course.priceCents - (counted.get(e.course.id) ?? 0)),
    })),
    scores: scores.map((s) => ({
      id: s.id,
      courseId: s.courseId,
      courseTitle: s.course.title,
      title: s.title,
      score: s.score,
      maxScore: s.maxScore,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    })),
    attendance: attendance.slice(0, 50).map((a) => ({
      id: a.id,
      courseId: a.courseId,
      courseTitle: a.course.title,
      date: a.date.toISOString().slice(0, 10),
      status: a.status,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      courseId: p.courseId,
      courseTitle: p.course.title,
      amountCents: p.amountCents,
      status: p.status,
      reason: p.reason,
      createdAt: p.createdAt.toISOString(),
      reviewedAt: p.reviewedAt?.toISOString() ?? null,
    })),
  };
}

export async function getTeacherDashboard(teacherId: string) {
  const db = getDb();
  const courses = await db.course.findMany({
    where: { teacherId, archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { title: "asc" }],
    include: {
      enrollments: {
        where: { status: "ACTIVE" },
        orderBy: { createdAt: "desc" },
        include: { student: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  const courseIds = courses.map((c) => c.id);
  const [recentEnrollments, scoreCount, attendanceToday, charts] = await Promise.all([
    db.enrollment.findMany({
      where: { courseId: { in: courseIds } },
      orderBy: { createdAt: "desc" },
      take: RECENT,
      include: {
        student: { select: { id: true, name: true } },
        course: { select: { id: true, title: true } },
      },
    }),
    db.score.count({ where: { courseId: { in: courseIds } } }),
    db.attendance.count({
      where: { courseId: { in: courseIds }, date: new Date(new Date().toISOString().slice(0, 10)) },
    }),
    getTeacherCharts(courses),
  ]);
  return {
    role: "TEACHER" as const,
    stats: {
      courses: courses.length,
      activeStudents: new Set(courses.flatMap((c) => c.enrollments.map((e) => e.studentId))).size,
      scoresRecorded: scoreCount,
      attendanceMarkedToday: attendanceToday,
    },
    courses: courses.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      activeEnrollments: c.enrollments.length,
      students: c.enrollments.map((e) => ({
        id: e.student.id,
        name: e.student.name,
        email: e.student.email,
      })),
    })),
    recentEnrollments: recentEnrollments.map(toEnrollmentFeedItem),
    charts,
  };
}

export async function getAdminStats() {
  const db = getDb();
  const [students, teachers, admins, courses, activeEnrollments, pendingPayments, revenue] =
    await Promise.all([
      db.user.count({ where: { role: "STUDENT" } }),
      db.user.count({ where: { role: "TEACHER" } }),
      db.user.count({ where: { role: "ADMIN" } }),
      db.course.count({ where: { archivedAt: null } }),
      db.enrollment.count({ where: { status: "ACTIVE" } }),
      db.payment.count({ where: { status: "PENDING" } }),
      db.payment.aggregate({ where: { status: "COMPLETED" }, _sum: { amountCents: true } }),
    ]);
  return {
    students,
    teachers,
    admins,
    courses,
    activeEnrollments,
    pendingPayments,
    revenueCents: revenue._sum.amountCents ?? 0,
  };
}

export async function getAdminDashboard() {
  const db = getDb();
  const [stats, pendingPayments, recentEnrollments, announcements, charts] = await Promise.all([
    getAdminStats(),
    // Oldest first, a page at a time: the stats show how many wait in total.
    db.payment.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      take: 50,
      include: {
        student: { select: { id: true, name: true, email: true } },
        course: { select: { id: true, title: true } },
      },
    }),
    db.enrollment.findMany({
      orderBy: { createdAt: "desc" },
      take: RECENT,
      include: {
        student: { select: { id: true, name: true } },
        course: { select: { id: true, title: true } },
      },
    }),
    db.announcement.findMany({ orderBy: { createdAt: "desc" }, take: 5 }),
    getAdminCharts(),
  ]);
  return {
    role: "ADMIN" as const,
    stats,
    pendingPayments: pendingPayments.map((p) => ({
      id: p.id,
      studentId: p.student.id,
      studentName: p.student.name,
      studentEmail: p.student.email,
      courseId: p.course.id,
      courseTitle: p.course.title,
      amountCents: p.amountCents,
      createdAt: p.createdAt.toISOString(),
    })),
    recentEnrollments: recentEnrollments.map(toEnrollmentFeedItem),
    announcements: announcements.map((a) => ({
      id: a.id,
      title: a.title,
      message: a.message,
      timestamp: a.createdAt.toISOString(),
    })),
    charts,
  };
}

export type StudentDashboard = Awaited<ReturnType<typeof getStudentDashboard>>;
export type TeacherDashboard = Awaited<ReturnType<typeof getTeacherDashboard>>;
export type AdminDashboard = Awaited<ReturnType<typeof getAdminDashboard>>;
export type Dashboard = StudentDashboard | TeacherDashboard | AdminDashboard;

/** The caller's role-specific dashboard (GET /api/dashboard). */
export async function getDashboard(user: SessionUser): Promise<Dashboard> {
  switch (user.role) {
    case "STUDENT":
      return getStudentDashboard(user.id);
    case "TEACHER":
      return getTeacherDashboard(user.id);
    case "ADMIN":
      return getAdminDashboard();
  }
}
