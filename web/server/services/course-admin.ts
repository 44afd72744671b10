import "server-only";
import type { Tx } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { transactionWithEvents, type EventSink } from "@/server/outbox";
import { closeRealtimeConnections } from "@/server/revocation";
import { queueAdminStats } from "@/server/services/stats";
import {
  channels,
  MAX_CHANNELS_PER_TRIGGER,
  realtimeMessage,
  realtimeMessages,
} from "@/lib/realtime";
import type { SessionUser } from "@/server/auth";

type CourseRow = {
  id: string;
  title: string;
  description: string;
  teacherId: string;
  archivedAt: Date | null;
  priceCents: number;
  createdAt: Date;
  teacher: { name: string };
};

const toCourseView = (c: CourseRow) => ({
  id: c.id,
  title: c.title,
  description: c.description,
  teacherId: c.teacherId,
  teacherName: c.teacher.name,
  archived: c.archivedAt !== null,
  priceCents: c.priceCents,
  createdAt: c.createdAt.toISOString(),
});

const withTeacher = { teacher: { select: { name: true } } } as const;

/** 422 unless `teacherId` is an active TEACHER. */
async function assertTeacher(tx: Tx, teacherId: string): Promise<void> {
  const teacher = await tx.user.findUnique({
    where: { id: teacherId },
    select: { role: true, active: true },
  });
  if (teacher?.role !== "TEACHER" || !teacher.active)
    throw httpErrors.invalid("teacherId: must be the id of an active TEACHER");
}

/** `dashboard-update {scope: "courses"}` to the dashboards of the course's enrolled students. */
async function queueStudentDashboards(tx: Tx, events: EventSink, courseId: string) {
  const enrolled = await tx.enrollment.findMany({
    where: { courseId, status: "ACTIVE" },
    select: { studentId: true },
  });
  const targets = enrolled.map((e) => channels.studentDashboard(e.studentId));
  for (let i = 0; i < targets.length; i += MAX_CHANNELS_PER_TRIGGER) {
    const to = targets.slice(i, i + MAX_CHANNELS_PER_TRIGGER);
    events.add(realtimeMessage("dashboard-update", to, { scope: "courses" }));
  }
}

/** An admin creates a course (POST /api/courses); `teacherId` must be a TEACHER (422). */
export async function createCourse(input: {
  title: string;
  description?: string;
  teacherId: string;
  priceCents?: number;
}) {
  return transactionWithEvents(async (tx, events) => {
    await assertTeacher(tx, input.teacherId);
    const course = await tx.course.create({
      data: {
        title: input.title,
        description: input.description ?? "",
        teacherId: input.teacherId,
        priceCents: input.priceCents ?? 0,
      },
      include: withTeacher,
    });
    events.add(
      realtimeMessages.courseUpdate(course.id, "created", [course.teacherId]),
      realtimeMessages.dashboardUpdate({ role: "TEACHER", id: course.teacherId }, "courses"),
    );
    await queueAdminStats(tx, events);
    return toCourseView(course);
  });
}

export type CoursePatch = {
  title?: string;
  description?: string;
  teacherId?: string;
  archived?: boolean;
  priceCents?: number;
};

/**
 * Edits a course (PATCH /api/courses/{id}): an admin may change anything, the course's teacher
 * its title and description only. Archiving takes it out of every catalog; reassigning it closes
 * the old teacher's realtime connections (their course channels are re-authorized).
 */
export async function updateCourse(user: SessionUser, courseId: string, patch: CoursePatch) {
  const result = await transactionWithEvents(async (tx, events) => {
    const before = await tx.course.findUnique({ where: { id: courseId } });
    if (!before) throw httpErrors.notFound("Course");
    const isTeacher = user.role === "TEACHER" && before.teacherId === user.id;
    if (user.role !== "ADMIN" && !isTeacher)
      throw httpErrors.forbidden("Only an admin or the course's teacher may edit it");
    const adminOnly = [patch.teacherId, patch.archived, patch.priceCents];
    if (user.role !== "ADMIN" && adminOnly.some((field) => field !== undefined))
      throw httpErrors.forbidden("A course's teacher may change its title and description only");
    if (patch.teacherId !== undefined && patch.teacherId !== before.teacherId)
      await assertTeacher(tx, patch.teacherId);

    const archivedAt =
      patch.archived === undefined
        ? before.archivedAt
        : patch.archived
          ? (before.archivedAt ?? new Date())
          : null;
    const course = await tx.course.update({
      where: { id: courseId },
      data: {
        title: patch.title,
        description: patch.description,
        teacherId: patch.teacherId,
        archivedAt,
        priceCents: patch.priceCents,
      },
      include: withTeacher,
    });
    const archivedNow = before.archivedAt === null && course.archivedAt !== null;
    const teachers = [before.teacherId, course.teacherId];
    events.add(
      realtimeMessages.courseUpdate(course.id, archivedNow ? "archived" : "updated", teachers),
      ...[...new Set(teachers)].map((id) =>
        realtimeMessages.dashboardUpdate({ role: "TEACHER", id }, "courses"),
      ),
    );
    await queueStudentDashboards(tx, events, course.id);
    if ((before.archivedAt === null) !== (course.archivedAt === null))
      await queueAdminStats(tx, events);
    const reassigned = before.teacherId !== course.teacherId ? before.teacherId : null;
    return { view: toCourseView(course), reassigned };
  });
  if (result.reassigned) await closeRealtimeConnections([result.reassigned]);
  return result.view;
}
