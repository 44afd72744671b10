// Role guards: pages redirect to the caller's own dashboard (or sign-in), each dashboard shows the
// caller's real data, and the API answers 401 without a session and 403 for the wrong role.
import { beforeAll, describe, expect, it } from "vitest";
import { buildCourseWorld, testDb, TEST_PASSWORD, type CourseWorld } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";

type ApiError = { error: { code: string; message: string } };

let world: CourseWorld;
let as: { STUDENT: Session; TEACHER: Session; ADMIN: Session };
let paymentId: string;

beforeAll(async () => {
  world = await buildCourseWorld();
  // Something only the admin dashboard lists: a pending payment of this world's student.
  paymentId = (
    await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 4321 },
    })
  ).id;
  const [student, teacher, admin] = await Promise.all([
    signedIn(world.enrolled.email, TEST_PASSWORD),
    signedIn(world.teacher.email, TEST_PASSWORD),
    signedIn(world.admin.email, TEST_PASSWORD),
  ]);
  as = { STUDENT: student, TEACHER: teacher, ADMIN: admin };
});

async function open(session: Session, path: string) {
  const response = await session.fetch(path);
  const html = await response.text();
  const location = response.headers.get("location");
  return {
    status: response.status,
    html,
    location: location ? new URL(location, session.baseUrl) : null,
  };
}

/** Opens `path` as `session`, expects 200 and every one of `shows` in the HTML. */
async function expectPage(session: Session, path: string, shows: string[]) {
  const page = await open(session, path);
  expect(page.status).toBe(200);
  for (const text of shows) expect(page.html).toContain(text);
  return page;
}

function expectRedirect(page: { status: number; location: URL | null }, pathname: string) {
  expect(page.status).toBeGreaterThanOrEqual(300);
  expect(page.status).toBeLessThan(400);
  expect(page.location?.pathname).toBe(pathname);
}

describe("page guards", () => {
  it.each([
    ["STUDENT", "/admin", "/student"],
    ["STUDENT", "/teacher", "/student"],
    ["TEACHER", "/admin", "/teacher"],
    ["TEACHER", "/student", "/teacher"],
    ["ADMIN", "/student", "/admin"],
    ["ADMIN", "/teacher", "/admin"],
  ] as const)("a %s opening %s is redirected to %s", async (role, path, home) => {
    expectRedirect(await open(as[role], path), home);
  });

  it.each([
    "/admin",
    "/teacher",
    "/student",
    "/courses",
    "/notifications",
    "/courses/czzzzzzzzzzzzzzzzzzzzzzzz",
  ])("an anonymous visitor opening %s goes to /sign-in with the callbackUrl", async (path) => {
    const page = await open(new Session(), path);
    expectRedirect(page, "/sign-in");
    expect(page.location?.searchParams.get("callbackUrl")).toBe(path);
  });

  it("/ sends each role to its own dashboard", async () => {
    expectRedirect(await open(as.STUDENT, "/"), "/student");
    expectRedirect(await open(as.TEACHER, "/"), "/teacher");
    expectRedirect(await open(as.ADMIN, "/"), "/admin");
    // A signed-in user opening the sign-in page goes home too.
    expectRedirect(await open(as.TEACHER, "/sign-in"), "/teacher");
    expectRedirect(await open(new Session(), "/"), "/sign-in");
  });

  it("the student's dashboard is 200 and shows the student's own course", async () => {
    await expectPage(as.STUDENT, "/student", [world.enrolled.name, world.course.title]);
    // The outsider is not enrolled anywhere: the course must not appear on their dashboard.
    const outsider = await signedIn(world.outsider.email, TEST_PASSWORD);
    const other = await expectPage(outsider, "/student", [world.outsider.name]);
    expect(other.html).not.toContain(world.course.title);
  });

  it("the teacher's dashboard is 200 and shows the teacher's course and its student", async () => {
    await expectPage(as.TEACHER, "/teacher", [
      world.teacher.name,
      world.course.title,
      world.enrolled.name,
    ]);
    const otherTeacher = await signedIn(world.otherTeacher.email, TEST_PASSWORD);
    const other = await expectPage(otherTeacher, "/teacher", []);
    expect(other.html).not.toContain(world.course.title);
  });

  it("the admin's dashboard is 200 and lists the pending payment", async () => {
    await expectPage(as.ADMIN, "/admin", [
      world.admin.name,
      world.enrolled.name,
      world.course.title,
    ]);
  });
});

describe("API guards", () => {
  const some = "cabcdefghijklmnopqrstuvwx"; // a well-formed id that does not exist

  it.each([
    ["GET", "/api/me"],
    ["GET", "/api/courses"],
    ["GET", "/api/dashboard"],
    ["GET", "/api/notifications"],
    ["POST", "/api/enrollments"],
    ["POST", "/api/payments"],
    ["POST", `/api/payments/${some}/approve`],
    ["POST", `/api/payments/${some}/reject`],
    ["POST", "/api/scores"],
    ["PATCH", `/api/scores/${some}`],
    ["POST", "/api/attendance"],
    ["POST", "/api/announcements"],
    ["POST", `/api/notifications/${some}/read`],
    ["POST", "/api/notifications/read-all"],
  ])("%s %s without a session → 401", async (method, path) => {
    const { status, body } = await new Session().json<ApiError>(path, {
      method,
      headers: { "content-type": "application/json" },
      ...(method === "GET" ? {} : { body: "{}" }),
    });
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it.each([
    ["TEACHER", "POST", "/api/enrollments"],
    ["ADMIN", "POST", "/api/enrollments"],
    ["TEACHER", "POST", "/api/payments"],
    ["ADMIN", "POST", "/api/payments"],
    ["STUDENT", "POST", "approve"],
    ["TEACHER", "POST", "approve"],
    ["STUDENT", "POST", "reject"],
    ["TEACHER", "POST", "reject"],
    ["STUDENT", "POST", "/api/scores"],
    ["ADMIN", "POST", "/api/scores"],
    ["STUDENT", "POST", "/api/attendance"],
    ["ADMIN", "POST", "/api/attendance"],
    ["STUDENT", "POST", "/api/announcements"],
    ["TEACHER", "POST", "/api/announcements"],
  ] as const)("a %s calling %s %s → 403", async (role, method, target) => {
    // A valid body, so only the role can be the reason for refusing it.
    const bodies: Record<string, unknown> = {
      "/api/enrollments": { courseId: world.course.id },
      "/api/payments": { courseId: world.course.id, amountCents: 100 },
      "/api/scores": {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        score: 1,
        maxScore: 2,
      },
      "/api/attendance": {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        date: "2026-01-05",
        status: "present",
      },
      "/api/announcements": { title: "t", message: "m" },
    };
    const path =
      target === "approve" || target === "reject" ? `/api/payments/${paymentId}/${target}` : target;
    const { status, body } = await as[role].json<ApiError>(path, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(bodies[target] ?? {}),
    });
    expect(status).toBe(403);
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toEqual(expect.any(String));
  });

  it("the refused calls changed nothing", async () => {
    const payment = await testDb().payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment.status).toBe("PENDING");
    expect(await testDb().score.count({ where: { courseId: world.course.id } })).toBe(0);
    expect(await testDb().attendance.count({ where: { courseId: world.course.id } })).toBe(0);
  });
});
