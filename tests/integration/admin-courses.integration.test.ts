// Contract §8, courses and enrollments: create (teacherId must be a TEACHER), edit, reassign and
// archive (it leaves every catalog), cancel an enrollment; each change live on the dashboards.
import { beforeAll, describe, expect, it } from "vitest";
import {
  cancelledEnrollmentResponse,
  courseResponse,
} from "../../web/server/openapi/admin-responses";
import { channels } from "../../web/lib/realtime/channels";
import { call, expectError, signInAll, UNKNOWN_ID } from "../helpers/api";
import {
  buildCourseWorld,
  buildEnrollment,
  buildUser,
  type CourseWorld,
} from "../helpers/factories";
import type { Session } from "../helpers/http";
import { connectAs, type RealtimeClient } from "../helpers/realtime";
import { waitUntil } from "../helpers/wait";

type Course = { id: string; title: string; teacherId: string; archived: boolean };

let admin: Session;

beforeAll(async () => {
  [admin] = await signInAll([await buildUser({ role: "ADMIN" })] as const);
});

async function listen(session: Session | null, ...names: string[]): Promise<RealtimeClient> {
  // Signed in (pusher:signin), so the server can close the connection of a user.
  const client = await connectAs(session, { signin: session !== null });
  if (session) await waitUntil(() => client.pusher.user.user_data !== null, "signin");
  for (const name of names) await client.subscribe(name);
  return client;
}

const catalogIds = async (session: Session) =>
  (await call<{ id: string }[]>(session, "GET", "/api/courses")).body.map((c) => c.id);

describe("POST /api/courses", () => {
  it("creates a course that appears live in the catalog and on the teacher's dashboard", async () => {
    const teacher = await buildUser({ role: "TEACHER" });
    const [teacherSession, studentSession] = await signInAll([teacher, await buildUser()] as const);
    const teacherClient = await listen(teacherSession, channels.teacherDashboard(teacher.id));
    const anonymous = await listen(null, channels.publicAnnouncements());
    try {
      const answer = await call<Course>(admin, "POST", "/api/courses", {
        title: "  Live Chemistry  ",
        description: "Molecules",
        teacherId: teacher.id,
      });
      expect(answer.status).toBe(201);
      expect(courseResponse.safeParse(answer.body).error).toBeUndefined();
      expect(answer.body).toMatchObject({ title: "Live Chemistry", archived: false });
      const id = answer.body.id;
      const isThis = (data: Record<string, unknown>) => data.courseId === id;
      const event = await anonymous.waitFor(
        channels.publicAnnouncements(),
        "course-update",
        isThis,
      );
      // Ids only on the public channel.
      expect(Object.keys(event.data).sort()).toEqual([
        "change",
        "courseId",
        "eventId",
        "occurredAt",
      ]);
      expect(event.data.change).toBe("created");
      await teacherClient.waitFor(channels.teacherDashboard(teacher.id), "course-update", isThis);
      expect(await catalogIds(studentSession)).toContain(id);
      const dashboard = await call<{ courses: { id: string }[] }>(
        teacherSession,
        "GET",
        "/api/dashboard",
      );
      expect(dashboard.body.courses.map((c) => c.id)).toContain(id);
    } finally {
      teacherClient.disconnect();
      anonymous.disconnect();
    }
  });

  it("answers 422 when teacherId is not an active TEACHER", async () => {
    const student = await buildUser({ role: "STUDENT" });
    const gone = await buildUser({ role: "TEACHER" });
    await call(admin, "PATCH", `/api/admin/users/${gone.id}`, { active: false });
    for (const teacherId of [student.id, UNKNOWN_ID, gone.id]) {
      expectError(
        await call(admin, "POST", "/api/courses", { title: "X", teacherId }),
        422,
        "teacherId",
      );
    }
    expectError(
      await call(admin, "POST", "/api/courses", { title: "X", teacherId: "1" }),
      422,
      "teacherId",
    );
    expectError(await call(admin, "POST", "/api/courses", { teacherId: student.id }), 422, "title");
  });
});

describe("PATCH /api/courses/{id}", () => {
  let world: CourseWorld;
  let sessions: { teacher: Session; other: Session; student: Session };

  beforeAll(async () => {
    world = await buildCourseWorld();
    const [teacher, other, student] = await signInAll([
      world.teacher,
      world.otherTeacher,
      world.enrolled,
    ] as const);
    sessions = { teacher, other, student };
  });

  it("lets the course's teacher edit its title and description only", async () => {
    const path = `/api/courses/${world.course.id}`;
    const answer = await call<Course>(sessions.teacher, "PATCH", path, {
      title: "Algebra, revised",
      description: "Now with matrices",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ title: "Algebra, revised", teacherId: world.teacher.id });
    expectError(await call(sessions.teacher, "PATCH", path, { archived: true }), 403);
    expectError(
      await call(sessions.teacher, "PATCH", path, { teacherId: world.otherTeacher.id }),
      403,
    );
    expectError(await call(sessions.other, "PATCH", path, { title: "Mine now" }), 403);
    expectError(await call(sessions.student, "PATCH", path, { title: "Mine now" }), 403);
    expectError(await call(admin, "PATCH", `/api/courses/${UNKNOWN_ID}`, { title: "X" }), 404);
    expectError(await call(admin, "PATCH", path, {}), 422, "title");
    expectError(
      await call(admin, "PATCH", path, { teacherId: world.enrolled.id }),
      422,
      "teacherId",
    );
  });

  it("reassigns a course: both teachers' dashboards hear of it", async () => {
    const teacher = await buildUser({ role: "TEACHER" });
    const next = await buildUser({ role: "TEACHER" });
    const [a, b] = await signInAll([teacher, next] as const);
    const created = await call<Course>(admin, "POST", "/api/courses", {
      title: "Moving",
      teacherId: teacher.id,
    });
    const clientA = await listen(a, channels.teacherDashboard(teacher.id));
    const clientB = await listen(b, channels.teacherDashboard(next.id));
    try {
      const answer = await call<Course>(admin, "PATCH", `/api/courses/${created.body.id}`, {
        teacherId: next.id,
      });
      expect(answer.body.teacherId).toBe(next.id);
      const isThis = (d: Record<string, unknown>) =>
        d.courseId === created.body.id && d.change === "updated";
      await clientB.waitFor(channels.teacherDashboard(next.id), "course-update", isThis, 5000);
      // The old teacher's connection is closed (their course channels are re-authorized).
      await expect
        .poll(() => clientA.pusher.connection.state, { timeout: 5000 })
        .not.toBe("connected");
    } finally {
      clientA.disconnect();
      clientB.disconnect();
    }
  });

  it("archives a course: it leaves the catalog and the dashboards and takes no enrollments", async () => {
    const w = await buildCourseWorld();
    const [student, outsider, teacher] = await signInAll([
      w.enrolled,
      w.outsider,
      w.teacher,
    ] as const);
    const anonymous = await listen(null, channels.publicAnnouncements());
    try {
      const answer = await call<Course>(admin, "PATCH", `/api/courses/${w.course.id}`, {
        archived: true,
      });
      expect(answer.body.archived).toBe(true);
      await anonymous.waitFor(
        channels.publicAnnouncements(),
        "course-update",
        (d) => d.courseId === w.course.id && d.change === "archived",
        5000,
      );
      expect(await catalogIds(outsider)).not.toContain(w.course.id);
      const studentDash = await call<{ courses: { id: string }[] }>(
        student,
        "GET",
        "/api/dashboard",
      );
      expect(studentDash.body.courses.map((c) => c.id)).not.toContain(w.course.id);
      const teacherDash = await call<{ courses: { id: string }[] }>(
        teacher,
        "GET",
        "/api/dashboard",
      );
      expect(teacherDash.body.courses.map((c) => c.id)).not.toContain(w.course.id);
      const enroll = await call(outsider, "POST", "/api/enrollments", { courseId: w.course.id });
      expectError(enroll, 409, /archived/);
      // Restored: back in the catalog.
      await call(admin, "PATCH", `/api/courses/${w.course.id}`, { archived: false });
      expect(await catalogIds(outsider)).toContain(w.course.id);
    } finally {
      anonymous.disconnect();
    }
  });
});

describe("DELETE /api/enrollments/{id}", () => {
  it("the student cancels: CANCELLED, live on the teacher's feed and counts", async () => {
    const w = await buildCourseWorld();
    const enrollment = await buildEnrollment(w.outsider.id, w.course.id);
    const [student, teacher] = await signInAll([w.outsider, w.teacher] as const);
    const teacherClient = await listen(
      teacher,
      channels.courseEnrollments(w.course.id),
      channels.teacherDashboard(w.teacher.id),
    );
    try {
      const before = await call<{ courses: { id: string; activeEnrollments: number }[] }>(
        teacher,
        "GET",
        "/api/dashboard",
      );
      const count = before.body.courses.find((c) => c.id === w.course.id)!.activeEnrollments;
      const answer = await call(student, "DELETE", `/api/enrollments/${enrollment.id}`);
      expect(answer.status).toBe(200);
      expect(cancelledEnrollmentResponse.parse(answer.body)).toMatchObject({
        id: enrollment.id,
        status: "CANCELLED",
      });
      await teacherClient.waitFor(
        channels.courseEnrollments(w.course.id),
        "enrollment-update",
        (d) => d.enrollmentId === enrollment.id && d.status === "CANCELLED",
        5000,
      );
      await teacherClient.waitFor(
        channels.teacherDashboard(w.teacher.id),
        "dashboard-update",
        (d) => d.scope === "enrollments",
        5000,
      );
      const after = await call<{ courses: { id: string; activeEnrollments: number }[] }>(
        teacher,
        "GET",
        "/api/dashboard",
      );
      expect(after.body.courses.find((c) => c.id === w.course.id)!.activeEnrollments).toBe(
        count - 1,
      );
      expectError(await call(student, "DELETE", `/api/enrollments/${enrollment.id}`), 409);
    } finally {
      teacherClient.disconnect();
    }
  });

  it("the course's teacher or an admin may cancel; other people may not", async () => {
    const w = await buildCourseWorld();
    const second = await buildEnrollment(w.outsider.id, w.course.id);
    const first = await testEnrollmentOf(w);
    const [teacher, other, outsider] = await signInAll([
      w.teacher,
      w.otherTeacher,
      w.outsider,
    ] as const);
    expectError(await call(other, "DELETE", `/api/enrollments/${first}`), 403);
    expectError(await call(outsider, "DELETE", `/api/enrollments/${first}`), 403);
    expect((await call(teacher, "DELETE", `/api/enrollments/${first}`)).status).toBe(200);
    expect((await call(admin, "DELETE", `/api/enrollments/${second.id}`)).status).toBe(200);
    expectError(await call(admin, "DELETE", `/api/enrollments/${UNKNOWN_ID}`), 404);
    expectError(await call(admin, "DELETE", "/api/enrollments/123"), 404);
  });
});

/** The id of the world's ACTIVE enrollment (its enrolled student). */
async function testEnrollmentOf(w: CourseWorld): Promise<string> {
  const view = await call<{ roster: { id: string; enrollmentId: string }[] }>(
    admin,
    "GET",
    `/api/courses/${w.course.id}`,
  );
  return view.body.roster.find((r) => r.id === w.enrolled.id)!.enrollmentId;
}
