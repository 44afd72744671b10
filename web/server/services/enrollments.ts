import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Tx } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { transactionWithEvents, type EventSink } from "@/server/outbox";
import { notify } from "@/server/services/notifications";
import { courseStats, queueAdminStats } from "@/server/services/stats";
import { realtimeMessages } from "@/lib/realtime";
import type { SessionUser } from "@/server/auth";

async function publishCourseCounts(tx: Tx, events: EventSink, courseId: string, teacherId: string) {
  const stats = await courseStats(tx, courseId);
  events.add(realtimeMessages.statsUpdate({ courseId }, stats));
  events.add(realtimeMessages.dashboardUpdate({ role: "TEACHER", id: teacherId }, "enrollments"));
  await queueAdminStats(tx, events);
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
