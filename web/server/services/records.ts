import "server-only";
import { getDb } from "@/server/db";
import type { SessionUser } from "@/server/auth";
import { pageArgs, toPage } from "@/server/services/paging";

type RecordsQuery = { courseId?: string; cursor?: string; limit: number };

/**
 * The rows the caller may read: a student their own, a teacher those of the courses they
 * teach, an admin all; optionally of one course.
 */
function visibleTo(user: SessionUser, courseId?: string) {
  return {
    ...(user.role === "STUDENT" && { studentId: user.id }),
    ...(user.role === "TEACHER" && { course: { teacherId: user.id } }),
    ...(courseId && { courseId }),
  };
}

const names = {
  student: { select: { name: true } },
  course: { select: { title: true } },
} as const;

/** Scores, newest first, a page at a time (GET /api/scores). */
export async function listScores(user: SessionUser, query: RecordsQuery) {
  const rows = await getDb().score.findMany({
    where: visibleTo(user, query.courseId),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...pageArgs(query),
    include: names,
  });
  return toPage(rows, query.limit, (s) => ({
    id: s.id,
    studentId: s.studentId,
    studentName: s.student.name,
    courseId: s.courseId,
    courseTitle: s.course.title,
    title: s.title,
    score: s.score,
    maxScore: s.maxScore,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }));
}

/** Attendance, latest date first, a page at a time (GET /api/attendance). */
export async function listAttendance(user: SessionUser, query: RecordsQuery) {
  const rows = await getDb().attendance.findMany({
    where: visibleTo(user, query.courseId),
    orderBy: [{ date: "desc" }, { id: "desc" }],
    ...pageArgs(query),
    include: names,
  });
  return toPage(rows, query.limit, (a) => ({
    id: a.id,
    studentId: a.studentId,
    studentName: a.student.name,
    courseId: a.courseId,
    courseTitle: a.course.title,
    date: a.date.toISOString().slice(0, 10),
    status: a.status,
  }));
}

export type ScoreRow = Awaited<ReturnType<typeof listScores>>["items"][number];
export type AttendanceRow = Awaited<ReturnType<typeof listAttendance>>["items"][number];
