import "server-only";
import { getDb } from "@/server/db";
import type { SessionUser } from "@/server/auth";
import { amountDueCents } from "@/server/services/payments";
import { pageArgs, toPage, type Page } from "@/server/services/paging";

export type CourseListItem = {
  id: string;
  title: string;
  description: string;
  teacherId: string;
  teacherName: string;
  /** Whether the caller has an ACTIVE enrollment (always false for teachers and admins). */
  enrolled: boolean;
  activeEnrollments: number;
  /** What the course costs, in cents (0: free). */
  priceCents: number;
  /**
   * For a student enrolled in the course: what they still owe (price less paid and pending
   * payments); null for everyone else.
   */
  amountDueCents: number | null;
};

/** The `q` of GET /api/courses: part of the title, description or teacher's name. */
const matching = (q: string) => ({
  OR: [
    { title: { contains: q, mode: "insensitive" as const } },
    { description: { contains: q, mode: "insensitive" as const } },
    { teacher: { name: { contains: q, mode: "insensitive" as const } } },
  ],
});

/** What a student has paid or has waiting, per course. */
async function paidPerCourse(studentId: string, courseIds: string[]) {
  const sums = await getDb().payment.groupBy({
    by: ["courseId"],
    where: { studentId, courseId: { in: courseIds }, status: { in: ["PENDING", "COMPLETED"] } },
    _sum: { amountCents: true },
  });
  return new Map(sums.map((s) => [s.courseId, s._sum.amountCents ?? 0]));
}

/**
 * Every course, with the caller's enrollment flag and, for a student, what they owe (GET
 * /api/courses); `q` searches, and with `limit` it comes a page at a time.
 */
export async function listCourses(
  user: SessionUser,
  query: { q?: string; cursor?: string; limit?: number } = {},
): Promise<Page<CourseListItem>> {
  const courses = await getDb().course.findMany({
    where: { archivedAt: null, ...(query.q && matching(query.q)) },
    orderBy: [{ createdAt: "asc" }, { title: "asc" }, { id: "asc" }],
    ...(query.limit !== undefined && pageArgs({ cursor: query.cursor, limit: query.limit })),
    include: {
      teacher: { select: { name: true } },
      enrollments: {
        where: { studentId: user.id, status: "ACTIVE" },
        select: { id: true },
      },
      _count: { select: { enrollments: { where: { status: "ACTIVE" } } } },
    },
  });
  const enrolledIds = courses.filter((c) => c.enrollments.length > 0).map((c) => c.id);
  const paid =
    user.role === "STUDENT" && enrolledIds.length > 0
      ? await paidPerCourse(user.id, enrolledIds)
      : new Map<string, number>();
  return toPage(courses, query.limit ?? courses.length, (course) => {
    const enrolled = course.enrollments.length > 0;
    return {
      id: course.id,
      title: course.title,
      description: course.description,
      teacherId: course.teacherId,
      teacherName: course.teacher.name,
      enrolled,
      activeEnrollments: course._count.enrollments,
      priceCents: course.priceCents,
      amountDueCents:
        user.role === "STUDENT" && enrolled
          ? Math.max(0, course.priceCents - (paid.get(course.id) ?? 0))
          : null,
    };
  });
}

/**
 * One course as the caller may see it (GET /api/courses/{id}): everyone signed in sees the
 * course; its teacher and admins also get the roster, scores and today's attendance; an
 * enrolled student gets their own scores and attendance.
 */
export async function getCourseView(user: SessionUser, courseId: string) {
  const db = getDb();
  const course = await db.course.findUnique({
    where: { id: courseId },
    include: { teacher: { select: { id: true, name: true } } },
  });
  if (!course) return null;
  const isTeacher = course.teacherId === user.id;
  const canManage = isTeacher || user.role === "ADMIN";
  const enrollment =
    user.role === "STUDENT"
      ? await db.enrollment.findUnique({
          where: { studentId_courseId: { studentId: user.id, courseId } },
          select: { id: true, status: true },
        })
      : null;
  const enrolled = enrollment?.status === "ACTIVE";
  const studentFilter = canManage ? {} : { studentId: user.id };
  const [roster, scores, attendance, activeEnrollments] = await Promise.all([
    canManage
      ? db.enrollment.findMany({
          where: { courseId, status: "ACTIVE" },
          orderBy: { student: { name: "asc" } },
          include: { student: { select: { id: true, name: true, email: true } } },
        })
      : Promise.resolve([]),
    canManage || enrolled
      ? db.score.findMany({
          where: { courseId, ...studentFilter },
          orderBy: { createdAt: "desc" },
          take: 100,
          include: { student: { select: { name: true } } },
        })
      : Promise.resolve([]),
    canManage || enrolled
      ? db.attendance.findMany({
          where: { courseId, ...studentFilter },
          orderBy: [{ date: "desc" }],
          take: 200,
          include: { student: { select: { name: true } } },
        })
      : Promise.resolve([]),
    db.enrollment.count({ where: { courseId, status: "ACTIVE" } }),
  ]);
  return {
    id: course.id,
    title: course.title,
    description: course.description,
    teacher: course.teacher,
    activeEnrollments,
    archived: course.archivedAt !== null,
    priceCents: course.priceCents,
    viewer: {
      role: user.role,
      isTeacher,
      canManage,
      enrolled,
      /** The caller's own ACTIVE enrollment (students cancel it with DELETE /api/enrollments/{id}). */
      enrollmentId: enrolled ? enrollment.id : null,
      /** What the enrolled student still owes for the course; null for everyone else. */
      amountDueCents: enrolled ? await amountDueCents(db, user.id, course) : null,
      /** May join presence-course-{id} (docs/realtime.md, "Channels and who may subscribe"). */
      canSeePresence: canManage || enrolled,
    },
    roster: roster.map((e) => ({
      id: e.student.id,
      name: e.student.name,
      email: e.student.email,
      enrollmentId: e.id,
    })),
    scores: scores.map((s) => ({
      id: s.id,
      studentId: s.studentId,
      studentName: s.student.name,
      title: s.title,
      score: s.score,
      maxScore: s.maxScore,
      createdAt: s.createdAt.toISOString(),
    })),
    attendance: attendance.map((a) => ({
      id: a.id,
      studentId: a.studentId,
      studentName: a.student.name,
      date: a.date.toISOString().slice(0, 10),
      status: a.status,
    })),
  };
}

export type CourseView = NonNullable<Awaited<ReturnType<typeof getCourseView>>>;
