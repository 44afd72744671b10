// GET /api/me, /api/courses and /api/dashboard (docs/api.md): shapes and the caller's own data.
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildCourse,
  buildCourseWorld,
  testDb,
  TEST_PASSWORD,
  type CourseWorld,
} from "../helpers/factories";
import { signedIn, type Session } from "../helpers/http";
import { call, ISO_DATE_TIME, signInAll } from "../helpers/api";

type CourseItem = {
  id: string;
  title: string;
  teacherId: string;
  teacherName: string;
  enrolled: boolean;
};

let world: CourseWorld;
let secondCourse: Awaited<ReturnType<typeof buildCourse>>;
let student: Session;
let outsider: Session;
let cancelled: Session;
let teacher: Session;
let admin: Session;

beforeAll(async () => {
  world = await buildCourseWorld();
  secondCourse = await buildCourse({ teacherId: world.teacher.id });
  [student, outsider, cancelled, teacher, admin] = await signInAll([
    world.enrolled,
    world.outsider,
    world.cancelled,
    world.teacher,
    world.admin,
  ] as const);
});

describe("GET /api/me", () => {
  it("returns exactly {id, name, email, role} (no password hash)", async () => {
    const me = await call(teacher, "GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: world.teacher.id,
      name: world.teacher.name,
      email: world.teacher.email,
      role: "TEACHER",
    });
  });
});

describe("GET /api/courses", () => {
  async function coursesOf(session: Session) {
    const answer = await call<CourseItem[]>(session, "GET", "/api/courses");
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.body)).toBe(true);
    return answer.body;
  }

  it("lists every course with id, title, teacherId, teacherName and the caller's enrolled flag", async () => {
    const list = await coursesOf(student);
    const mine = list.find((c) => c.id === world.course.id);
    expect(mine).toMatchObject({
      id: world.course.id,
      title: world.course.title,
      teacherId: world.teacher.id,
      teacherName: world.teacher.name,
      enrolled: true,
    });
    expect(list.find((c) => c.id === secondCourse.id)).toMatchObject({
      enrolled: false,
      teacherName: world.teacher.name,
    });
    for (const item of list) {
      expect(item).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          title: expect.any(String),
          teacherId: expect.any(String),
          teacherName: expect.any(String),
          enrolled: expect.any(Boolean),
        }),
      );
    }
  });

  it("says enrolled: false to a student not enrolled, to a cancelled one, to teachers and admins", async () => {
    for (const session of [outsider, cancelled, teacher, admin]) {
      expect((await coursesOf(session)).find((c) => c.id === world.course.id)?.enrolled).toBe(
        false,
      );
    }
  });
});

describe("GET /api/dashboard", () => {
  it("gives a student their own courses, scores, attendance and payments", async () => {
    const db = testDb();
    await db.score.create({
      data: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        title: "Quiz 1",
        score: 8,
        maxScore: 10,
      },
    });
    await db.attendance.create({
      data: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        date: new Date("2026-01-05"),
        status: "late",
      },
    });
    await db.payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 990 },
    });

    const { status, body } = await call<
      Record<string, unknown> & { stats: Record<string, unknown> }
    >(student, "GET", "/api/dashboard");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      role: "STUDENT",
      courses: [
        { id: world.course.id, title: world.course.title, teacherName: world.teacher.name },
      ],
      scores: [{ courseId: world.course.id, title: "Quiz 1", score: 8, maxScore: 10 }],
      attendance: [{ courseId: world.course.id, date: "2026-01-05", status: "late" }],
      payments: [{ courseId: world.course.id, amountCents: 990, status: "PENDING" }],
    });
    expect(body.stats).toMatchObject({
      activeCourses: 1,
      averageScorePct: 80,
      attendanceRatePct: 100,
      pendingPayments: 1,
    });

    // Someone else's dashboard holds none of it.
    const other = await call<{
      role: string;
      courses: unknown[];
      scores: unknown[];
      payments: unknown[];
    }>(outsider, "GET", "/api/dashboard");
    expect(other.body).toMatchObject({ role: "STUDENT", courses: [], scores: [], payments: [] });
  });

  it("gives a teacher their courses with the active roster only", async () => {
    const { status, body } = await call<{
      role: string;
      courses: {
        id: string;
        title: string;
        activeEnrollments: number;
        students: { id: string }[];
      }[];
    }>(teacher, "GET", "/api/dashboard");
    expect(status).toBe(200);
    expect(body.role).toBe("TEACHER");
    expect(body.courses.map((c) => c.id).sort()).toEqual([world.course.id, secondCourse.id].sort());
    const course = body.courses.find((c) => c.id === world.course.id)!;
    expect(course.students.map((s) => s.id)).toEqual([world.enrolled.id]);
    expect(course.activeEnrollments).toBe(1);

    const other = await call<{ courses: unknown[] }>(
      await signedIn(world.otherTeacher.email, TEST_PASSWORD),
      "GET",
      "/api/dashboard",
    );
    expect(other.body.courses).toEqual([]);
  });

  it("gives an admin the platform stats", async () => {
    const { status, body } = await call<{
      role: string;
      stats: Record<string, number>;
      pendingPayments: unknown[];
    }>(admin, "GET", "/api/dashboard");
    expect(status).toBe(200);
    expect(body.role).toBe("ADMIN");
    for (const key of [
      "students",
      "courses",
      "activeEnrollments",
      "pendingPayments",
      "revenueCents",
    ]) {
      expect(Number.isInteger(body.stats[key]), key).toBe(true);
    }
    expect(body.stats.courses).toBeGreaterThanOrEqual(2);
    expect(Array.isArray(body.pendingPayments)).toBe(true);
  });

  it("serialises dates as ISO strings", async () => {
    const { body } = await call<{ courses: { enrolledAt: string }[] }>(
      student,
      "GET",
      "/api/dashboard",
    );
    expect(body.courses[0]!.enrolledAt).toMatch(ISO_DATE_TIME);
  });
});
