import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Tx } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { transactionWithEvents, type EventSink } from "@/server/outbox";
import { notify } from "@/server/services/notifications";
import { courseStats, queueAdminStats } from "@/server/services/stats";
import { closeRealtimeConnections } from "@/server/revocation";
import { realtimeMessages } from "@/lib/realtime";
import type { SessionUser } from "@/server/auth";

async function publishCourseCounts(tx: Tx, events: EventSink, courseId: string, teacherId: string) {
  const stats = await courseStats(tx, courseId);
  events.add(realtimeMessages.statsUpdate({ courseId }, stats));
  events.add(realtimeMessages.dashboardUpdate({ role: "TEACHER", id: teacherId }, "enrollments"));
  await queueAdminStats(tx, events);
}

/**
 * Cancels an ACTIVE enrollment (DELETE /api/enrollments/{id}): the enrolled student, the
 * course's teacher or an admin. 409 when it is already cancelled. The student's realtime
 * connections are closed after commit, so the course channels are authorized again (and
 * refused).
 */
export async function cancelEnrollment(user: SessionUser, enrollmentId: string) {
  const enrollment = await transactionWithEvents(async (tx, events) => {
    const row = await tx.enrollment.findUnique({
      where: { id: enrollmentId },
      include: {
        course: { select: { id: true, title: true, teacherId: true } },
        student: { select: { name: true } },
      },
    });
    if (!row) throw httpErrors.notFound("Enrollment");
    const bySelf = row.studentId === user.id;
    const byTeacher = user.role === "TEACHER" && row.course.teacherId === user.id;
    if (!bySelf && !byTeacher && user.role !== "ADMIN")
      throw httpErrors.forbidden(
        "Only the student, the course's teacher or an admin may cancel it",
      );
    const { count } = await tx.enrollment.updateMany({
      where: { id: row.id, status: "ACTIVE" },
      data: { status: "CANCELLED" },
    });
    if (count === 0) throw httpErrors.conflict("This enrollment is already cancelled");
    const { course } = row;
    events.add(
      realtimeMessages.enrollmentUpdate(row.studentId, {
        enrollmentId: row.id,
        courseId: course.id,
        status: "CANCELLED",
      }),
      realtimeMessages.dashboardUpdate({ role: "STUDENT", id: row.studentId }, "courses"),
      realtimeMessages.dashboardUpdate({ role: "ADMIN", id: user.id }, "enrollments"),
    );
    // The other side learns of it: the teacher when the student cancels, else the student.
    await notify(tx, events, bySelf ? course.teacherId : row.studentId, {
      title: "Enrollment cancelled",
      message: bySelf
        ? `${row.student.name} cancelled their enrollment in ${course.title}.`
        : `Your enrollment in ${course.title} was cancelled.`,
      ...(bySelf
        ? {
            key: "enrollmentCancelledByStudent",
            params: { studentName: row.student.name, courseTitle: course.title },
          }
        : { key: "enrollmentCancelled", params: { courseTitle: course.title } }),
      type: "warning",
      link: `/courses/${course.id}`,
    });
    await publishCourseCounts(tx, events, course.id, course.teacherId);
    return {
      id: row.id,
      courseId: course.id,
      studentId: row.studentId,
      status: "CANCELLED" as const,
    };
  });
  await closeRealtimeConnections([enrollment.studentId]);
  return enrollment;
}

/**
 * A student enrolls in a course (POST /api/enrollments). A cancelled enrollment is reactivated;
 * an active one is a 409. Events: new-enrollment, a notification to the teacher, counts.
 */
export async function enroll(student: SessionUser, courseId: string) {
  try {
    return await transactionWithEvents(async (tx, events) => {
      const course = await tx.course.findUnique({ where: { id: courseId } });
      if (!course) throw httpErrors.notFound("Course");
      if (course.archivedAt) throw httpErrors.conflict("This course is archived");
      const existing = await tx.enrollment.findUnique({
        where: { studentId_courseId: { studentId: student.id, courseId } },
      });
      if (existing?.status === "ACTIVE")
        throw httpErrors.conflict("Already enrolled in this course");
      const enrollment = existing
        ? await tx.enrollment.update({ where: { id: existing.id }, data: { status: "ACTIVE" } })
        : await tx.enrollment.create({ data: { studentId: student.id, courseId } });

      events.add(
        realtimeMessages.newEnrollment(courseId, course.teacherId, {
          enrollmentId: enrollment.id,
          courseName: course.title,
          studentId: student.id,
          studentName: student.name,
          timestamp: enrollment.updatedAt,
        }),
        realtimeMessages.enrollmentUpdate(student.id, {
          enrollmentId: enrollment.id,
          courseId,
          status: "ACTIVE",
        }),
        realtimeMessages.dashboardUpdate({ role: "STUDENT", id: student.id }, "courses"),
      );
      await notify(tx, events, course.teacherId, {
        title: "New enrollment",
        message: `${student.name} enrolled in ${course.title}.`,
        key: "newEnrollment",
        params: { studentName: student.name, courseTitle: course.title },
        type: "info",
        link: `/courses/${course.id}`,
      });
      await publishCourseCounts(tx, events, courseId, course.teacherId);
      return {
        id: enrollment.id,
        courseId,
        studentId: student.id,
        status: enrollment.status,
        createdAt: enrollment.createdAt.toISOString(),
      };
    });
  } catch (error) {
    // Two concurrent requests: the unique index decides, the loser gets the same 409.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw httpErrors.conflict("Already enrolled in this course");
    }
    throw error;
  }
}
