// What a client can throw at the API (docs/api.md): non-JSON → 400, bodies over 64 KB → 413 (also
// on routes that ignore their body), odd JSON → 400/422, wrong methods → 405; never a 5xx.
import { beforeAll, describe, expect, it } from "vitest";
import { buildCourseWorld, testDb, type CourseWorld } from "../helpers/factories";
import type { Session } from "../helpers/http";
import { call, signInAll, expectError, UNKNOWN_ID } from "../helpers/api";

type Role = "STUDENT" | "TEACHER" | "ADMIN";

let world: CourseWorld;
let as: Record<Role, Session>;
let pendingId: string;
let scoreId: string;
let notificationId: string;

const LIMIT = 64 * 1024;

beforeAll(async () => {
  world = await buildCourseWorld();
  const db = testDb();
  pendingId = (
    await db.payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 100 },
    })
  ).id;
  scoreId = (
    await db.score.create({
      data: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        title: "Q",
        score: 1,
        maxScore: 2,
      },
    })
  ).id;
  notificationId = (
    await db.notification.create({ data: { userId: world.enrolled.id, title: "t", message: "m" } })
  ).id;
  const [student, teacher, admin] = await signInAll([
    world.enrolled,
    world.teacher,
    world.admin,
  ] as const);
  as = { STUDENT: student!, TEACHER: teacher!, ADMIN: admin! };
});

/** Every mutating route with the role allowed to call it and a valid body. */
function routes(): {
  role: Role;
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}[] {
  return [
    {
      role: "STUDENT",
      method: "POST",
      path: "/api/enrollments",
      body: { courseId: world.course.id },
    },
    {
      role: "STUDENT",
      method: "POST",
      path: "/api/payments",
      body: { courseId: world.course.id, amountCents: 100 },
    },
    { role: "ADMIN", method: "POST", path: `/api/payments/${pendingId}/approve`, body: undefined },
    {
      role: "ADMIN",
      method: "POST",
      path: `/api/payments/${pendingId}/reject`,
      body: { reason: "r" },
    },
    {
      role: "TEACHER",
      method: "POST",
      path: "/api/scores",
      body: { studentId: world.enrolled.id, courseId: world.course.id, score: 1, maxScore: 2 },
    },
    { role: "TEACHER", method: "PATCH", path: `/api/scores/${scoreId}`, body: { score: 2 } },
    {
      role: "TEACHER",
      method: "POST",
      path: "/api/attendance",
      body: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        date: "2026-06-01",
        status: "present",
      },
    },
    {
      role: "ADMIN",
      method: "POST",
      path: "/api/announcements",
      body: { title: "t", message: "m" },
    },
    {
      role: "STUDENT",
      method: "POST",
      path: `/api/notifications/${notificationId}/read`,
      body: undefined,
    },
    { role: "STUDENT", method: "POST", path: "/api/notifications/read-all", body: undefined },
  ];
}

/** A JSON object just over the limit (valid JSON: the size alone must be the reason). */
const oversized = () => JSON.stringify({ padding: "x".repeat(LIMIT + 16) });

describe("413 for a body over 64 KB", () => {
  it("on every mutating route, with a declared Content-Length", async () => {
    for (const route of routes()) {
      const answer = await call(as[route.role], route.method, route.path, oversized());
      expectError(answer, 413);
    }
    // Approve ignores its body, but must not have approved anything.
    expect((await testDb().payment.findUniqueOrThrow({ where: { id: pendingId } })).status).toBe(
      "PENDING",
    );
    expect(
      (await testDb().notification.findUniqueOrThrow({ where: { id: notificationId } })).readAt,
    ).toBeNull();
  });

  it("on every mutating route, streamed without Content-Length (chunked)", async () => {
    for (const route of routes()) {
      const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > LIMIT + chunk.byteLength) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const response = await as[route.role].fetch(route.path, {
        method: route.method,
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit);
      const text = await response.text();
      expect(response.status, `${route.method} ${route.path}: ${text.slice(0, 200)}`).toBe(413);
    }
    expect((await testDb().payment.findUniqueOrThrow({ where: { id: pendingId } })).status).toBe(
      "PENDING",
    );
    expect(
      (await testDb().notification.findUniqueOrThrow({ where: { id: notificationId } })).readAt,
    ).toBeNull();
  });

  it("a body of exactly 64 KB is still read (the limit is 'over')", async () => {
    const reason = "r".repeat(400);
    const body = JSON.stringify({ reason });
    const padded = body + " ".repeat(LIMIT - body.length);
    expect(padded.length).toBe(LIMIT);
    const payment = await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 5 },
    });
    const answer = await call(as.ADMIN, "POST", `/api/payments/${payment.id}/reject`, padded);
    expect(answer.status).toBe(200);
  });
});

describe("400 for a body that is not JSON", () => {
  it("on every route that reads JSON", async () => {
    for (const route of routes().filter((r) => r.body !== undefined)) {
      for (const raw of ["{", "not json", "{'a':1}", "\u0000"]) {
        expectError(await call(as[route.role], route.method, route.path, raw), 400);
      }
    }
  });
});

describe("odd but well-formed input is 400/422, never 5xx", () => {
  const odd = [
    "null",
    "[]",
    "true",
    "0",
    '"string"',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {}}}',
    '{"a": 1e400}',
    "[".repeat(5000) + "]".repeat(5000),
    "\ufeff[]",
  ];

  it("on every route that reads JSON", async () => {
    for (const route of routes().filter((r) => r.body !== undefined)) {
      for (const raw of odd) {
        const answer = await call(as[route.role], route.method, route.path, raw);
        expect([400, 422], `${route.path} ${raw.slice(0, 40)} → ${answer.status}`).toContain(
          answer.status,
        );
        expectError(answer, answer.status);
      }
    }
  });

  it("text with a NUL character is refused as bad input, not a database error", async () => {
    expectError(
      await call(as.ADMIN, "POST", "/api/announcements", { title: "a\u0000b", message: "m" }),
      422,
      /title/,
    );
    expectError(
      await call(as.ADMIN, "POST", "/api/announcements", { title: "t", message: "m\u0000" }),
      422,
      /message/,
    );
    const payment = await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 6 },
    });
    expectError(
      await call(as.ADMIN, "POST", `/api/payments/${payment.id}/reject`, { reason: "\u0000" }),
      422,
      /reason/,
    );
    expectError(
      await call(as.TEACHER, "POST", "/api/scores", {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        score: 1,
        maxScore: 2,
        title: "Quiz\u0000",
      }),
      422,
      /title/,
    );
  });

  it("huge numbers are refused naming the field", async () => {
    expectError(
      await call(
        as.STUDENT,
        "POST",
        "/api/payments",
        `{"courseId":"${world.course.id}","amountCents":1e400}`,
      ),
      422,
      /amountCents/,
    );
    expectError(
      await call(
        as.TEACHER,
        "POST",
        "/api/scores",
        `{"studentId":"${world.enrolled.id}","courseId":"${world.course.id}","score":1,"maxScore":1e400}`,
      ),
      422,
      /maxScore/,
    );
    // A date that reads as one but that PostgreSQL cannot store (its dates start at year 1).
    expectError(
      await call(as.TEACHER, "POST", "/api/attendance", {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        date: "0000-01-01",
        status: "PRESENT",
      }),
      422,
      /date/,
    );
  });

  it("query parameters are validated", async () => {
    expectError(
      await call(as.STUDENT, "GET", "/api/notifications?before=not-a-date"),
      400,
      /before/,
    );
    expectError(await call(as.STUDENT, "GET", "/api/notifications?limit=1e9"), 400, /limit/);
    // Dates JavaScript reads but the database cannot store are bounds past every notification.
    for (const before of ["99999-01-01", "-000050-01-01T00:00:00Z", "275760-09-13"]) {
      const answer = await call<{ items: unknown[] }>(
        as.STUDENT,
        "GET",
        `/api/notifications?before=${before}`,
      );
      expect(answer.status, before).toBe(200);
      expect(Array.isArray(answer.body.items), before).toBe(true);
    }
    expectError(await call(as.ADMIN, "GET", "/api/payments?status=LOST"), 400, /status/);
  });
});

describe("methods and paths", () => {
  it.each([
    ["GET", `/api/payments/${UNKNOWN_ID}/approve`],
    ["PUT", "/api/announcements"],
    ["DELETE", "/api/enrollments"],
    ["POST", "/api/me"],
    ["POST", "/api/dashboard"],
    ["GET", "/api/notifications/read-all"],
  ])("%s %s → 405", async (method, path) => {
    const response = await as.ADMIN.fetch(path, { method });
    await response.arrayBuffer();
    expect(response.status).toBe(405);
  });

  it("an unknown API path is 404, not a 5xx", async () => {
    const response = await as.ADMIN.fetch("/api/nothing-here");
    await response.arrayBuffer();
    expect(response.status).toBe(404);
  });
});
