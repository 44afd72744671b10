import "server-only";
import type { Tx } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { transactionWithEvents } from "@/server/outbox";
import { notify } from "@/server/services/notifications";
import { realtimeMessages } from "@/lib/realtime";
import type { SessionUser } from "@/server/auth";

import type { AttendanceStatus } from "@/lib/domain";

/**
 * The course, if the caller teaches it (404 unknown course, 403 someone else's), and the
 * student, who must hold an ACTIVE enrollment in it (422 otherwise).
 */
async function loadTeaching(tx: Tx, teacher: SessionUser, courseId: string, studentId: string) {
  const course = await tx.course.findUnique({ where: { id: courseId } });
  if (!course) throw httpErrors.notFound("Course");
  if (course.teacherId !== teacher.id)
    throw httpErrors.forbidden("Only the course's teacher may do this");
  const enrollment = await tx.enrollment.findUnique({
    where: { studentId_courseId: { studentId, courseId } },
    include: { student: { select: { id: true, name: true } } },
  });
  if (!enrollment || enrollment.status !== "ACTIVE") {
    throw httpErrors.invalid("studentId: this student is not actively enrolled in the course");
  }
  return { course, student: enrollment.student };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** A teacher records a score (POST /api/scores): new-score + a notification to the student. */
export async function createScore(
  teacher: SessionUser,
  input: { studentId: string; courseId: string; score: number; maxScore: number; title?: string },
) {
  return transactionWithEvents(async (tx, events) => {
    const { course } = await loadTeaching(tx, teacher, input.courseId, input.studentId);
    const title = input.title ?? "Assessment";
    const score = await tx.score.create({
      data: {
        studentId: input.studentId,
        courseId: course.id,
        title,
        score: input.score,
        maxScore: input.maxScore,
      },
    });
    const data = {
      scoreId: score.id,
      courseId: course.id,
      courseTitle: course.title,
      score: score.score,
      maxScore: score.maxScore,
    };
    events.add(
      realtimeMessages.newScore(input.studentId, data),
      realtimeMessages.dashboardUpdate({ role: "STUDENT", id: input.studentId }, "scores"),
      // The teacher's class averages.
      realtimeMessages.dashboardUpdate({ role: "TEACHER", id: course.teacherId }, "scores"),
    );
    await notify(tx, events, input.studentId, {
      title: "New score",
      message: `${title} in ${course.title}: ${fmt(score.score)}/${fmt(score.maxScore)}`,
      key: "newScore",
      params: { title, courseTitle: course.title, score: score.score, maxScore: score.maxScore },
      type: "info",
      link: "/student#scores",
    });
    return {
      id: score.id,
      ...data,
      studentId: score.studentId,
      title,
      createdAt: score.createdAt.toISOString(),
    };
  });
}

/** The course's teacher corrects a score (PATCH /api/scores/{id}): score-update. */
export async function updateScore(
  teacher: SessionUser,
  scoreId: string,
  input: { score?: number; maxScore?: number },
) {
  return transactionWithEvents(async (tx, events) => {
    const existing = await tx.score.findUnique({
      where: { id: scoreId },
      include: { course: true },
    });
    if (!existing) throw httpErrors.notFound("Score");
    if (existing.course.teacherId !== teacher.id) {
      throw httpErrors.forbidden("Only the course's teacher may change this score");
    }
    const score = input.score ?? existing.score;
    const maxScore = input.maxScore ?? existing.maxScore;
    if (score > maxScore)
      throw httpErrors.invalid("score: must not be more than the maximum score");
    const updated = await tx.score.update({ where: { id: scoreId }, data: { score, maxScore } });
    const data = {
      scoreId: updated.id,
      courseId: existing.courseId,
      courseTitle: existing.course.title,
      score: updated.score,
      maxScore: updated.maxScore,
    };
    events.add(
      realtimeMessages.scoreUpdate(existing.studentId, data),
      realtimeMessages.dashboardUpdate({ role: "STUDENT", id: existing.studentId }, "scores"),
      realtimeMessages.dashboardUpdate(
        { role: "TEACHER", id: existing.course.teacherId },
        "scores",
      ),
    );
    return {
      id: updated.id,
      ...data,
      studentId: updated.studentId,
      title: updated.title,
      updatedAt: updated.updatedAt.toISOString(),
    };
  });
}

/**
 * The course's teacher marks attendance (POST /api/attendance): one row per student, course
 * and date; a repeat updates it. attendance-marked to the student.
 */
export async function markAttendance(
  teacher: SessionUser,
  input: { studentId: string; courseId: string; date: string; status: AttendanceStatus },
) {
  return transactionWithEvents(async (tx, events) => {
    const { course } = await loadTeaching(tx, teacher, input.courseId, input.studentId);
    const date = new Date(`${input.date}T00:00:00.000Z`);
    const row = await tx.attendance.upsert({
      where: { studentId_courseId_date: { studentId: input.studentId, courseId: course.id, date } },
      create: { studentId: input.studentId, courseId: course.id, date, status: input.status },
      update: { status: input.status },
    });
    events.add(
      realtimeMessages.attendanceMarked(input.studentId, {
        attendanceId: row.id,
        courseId: course.id,
        courseTitle: course.title,
        date: input.date,
        status: row.status,
      }),
      realtimeMessages.dashboardUpdate({ role: "STUDENT", id: input.studentId }, "attendance"),
      // The teacher's attendance per session.
      realtimeMessages.dashboardUpdate({ role: "TEACHER", id: course.teacherId }, "attendance"),
    );
    return {
      id: row.id,
      studentId: row.studentId,
      courseId: row.courseId,
      courseTitle: course.title,
      date: input.date,
      status: row.status,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}
