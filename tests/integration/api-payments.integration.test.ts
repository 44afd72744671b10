// POST /api/enrollments, POST /api/payments, POST /api/payments/{id}/approve|reject (docs/api.md):
// success shapes and rows, validation naming the field, 403/404/409, and racing requests.
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildCourseWorld,
  buildUser,
  testDb,
  TEST_PASSWORD,
  type CourseWorld,
} from "../helpers/factories";
import { signedIn, type Session } from "../helpers/http";
import {
  call,
  signInAll,
  expectError,
  ISO_DATE_TIME,
  MALFORMED_IDS,
  UNKNOWN_ID,
} from "../helpers/api";

type Payment = {
  id: string;
  studentId: string;
  courseId: string;
  courseTitle: string;
  amountCents: number;
  status: string;
  reason: string | null;
};

let world: CourseWorld;
let student: Session;
let admin: Session;
let teacher: Session;

beforeAll(async () => {
  world = await buildCourseWorld();
  [student, admin, teacher] = await signInAll([
    world.enrolled,
    world.admin,
    world.teacher,
  ] as const);
});

async function newStudent() {
  const user = await buildUser({ role: "STUDENT" });
  return { user, session: await signedIn(user.email, TEST_PASSWORD) };
}

describe("POST /api/enrollments", () => {
  it("201 with the enrollment; the row is ACTIVE; a second time is 409", async () => {
    const { user, session } = await newStudent();
    const first = await call<Record<string, unknown>>(session, "POST", "/api/enrollments", {
      courseId: world.course.id,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: expect.any(String),
      courseId: world.course.id,
      studentId: user.id,
      status: "ACTIVE",
    });
    expect(first.body.createdAt).toMatch(ISO_DATE_TIME);
    const row = await testDb().enrollment.findUniqueOrThrow({
      where: { id: first.body.id as string },
    });
    expect(row).toMatchObject({ studentId: user.id, courseId: world.course.id, status: "ACTIVE" });

    expectError(
      await call(session, "POST", "/api/enrollments", { courseId: world.course.id }),
      409,
    );
    expect(await testDb().enrollment.count({ where: { studentId: user.id } })).toBe(1);
  });

  it("reactivates a cancelled enrollment (201, same row)", async () => {
    const cancelled = await signedIn(world.cancelled.email, TEST_PASSWORD);
    const before = await testDb().enrollment.findFirstOrThrow({
      where: { studentId: world.cancelled.id },
    });
    const answer = await call<{ id: string; status: string }>(
      cancelled,
      "POST",
      "/api/enrollments",
      { courseId: world.course.id },
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ id: before.id, status: "ACTIVE" });
    expect(await testDb().enrollment.count({ where: { studentId: world.cancelled.id } })).toBe(1);
  });

  it("two concurrent enrollments of one student: exactly one 201, one 409, one row", async () => {
    const { user, session } = await newStudent();
    const answers = await Promise.all(
      [0, 1].map(() => call(session, "POST", "/api/enrollments", { courseId: world.course.id })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await testDb().enrollment.count({ where: { studentId: user.id } })).toBe(1);
  });

  it("404 for an unknown course; 422 naming courseId for a missing or malformed one", async () => {
    expectError(await call(student, "POST", "/api/enrollments", { courseId: UNKNOWN_ID }), 404);
    expectError(await call(student, "POST", "/api/enrollments", {}), 422, /courseId/);
    for (const id of [...MALFORMED_IDS, 42, null]) {
      expectError(
        await call(student, "POST", "/api/enrollments", { courseId: id }),
        422,
        /courseId/,
      );
    }
  });

  it("422 naming an unknown field; 400 for a body that is not JSON or not an object; 415 for a form", async () => {
    expectError(
      await call(student, "POST", "/api/enrollments", { courseId: world.course.id, role: "ADMIN" }),
      422,
      /role/,
    );
    expectError(await call(student, "POST", "/api/enrollments", "{courseId:"), 400);
    expectError(
      await call(student, "POST", "/api/enrollments", "courseId=x", {
        "content-type": "application/x-www-form-urlencoded",
      }),
      415,
    );
    for (const body of ["[]", "null", '"x"', "7"]) {
      const answer = await call(student, "POST", "/api/enrollments", body);
      expect([400, 422], body).toContain(answer.status);
      expectError(answer, answer.status);
    }
  });
});

describe("POST /api/payments", () => {
  it("201 PENDING with the payment; the row matches", async () => {
    const answer = await call<Payment>(student, "POST", "/api/payments", {
      courseId: world.course.id,
      amountCents: 12_345,
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      id: expect.any(String),
      studentId: world.enrolled.id,
      courseId: world.course.id,
      courseTitle: world.course.title,
      amountCents: 12_345,
      status: "PENDING",
    });
    const row = await testDb().payment.findUniqueOrThrow({ where: { id: answer.body.id } });
    expect(row).toMatchObject({
      studentId: world.enrolled.id,
      amountCents: 12_345,
      status: "PENDING",
      reviewedById: null,
    });
  });

  it.each([
    ["negative", -5],
    ["zero", 0],
    ["fractional", 1.5],
    ["a string", "10"],
    ["null", null],
    ["too large", 1e12],
    ["NaN-like", "NaN"],
    ["boolean", true],
  ])("422 naming amountCents when it is %s", async (_what, amountCents) => {
    const before = await testDb().payment.count({ where: { studentId: world.enrolled.id } });
    expectError(
      await call(student, "POST", "/api/payments", { courseId: world.course.id, amountCents }),
      422,
      /amountCents/,
    );
    expect(await testDb().payment.count({ where: { studentId: world.enrolled.id } })).toBe(before);
  });

  it("422 naming the field when amountCents or courseId is missing, or a field is unknown", async () => {
    expectError(
      await call(student, "POST", "/api/payments", { courseId: world.course.id }),
      422,
      /amountCents/,
    );
    expectError(
      await call(student, "POST", "/api/payments", { amountCents: 100 }),
      422,
      /courseId/,
    );
    expectError(
      await call(student, "POST", "/api/payments", {
        courseId: world.course.id,
        amountCents: 100,
        status: "COMPLETED",
      }),
      422,
      /status/,
    );
  });

  it("404 for an unknown course; 400 for non-JSON", async () => {
    expectError(
      await call(student, "POST", "/api/payments", { courseId: UNKNOWN_ID, amountCents: 100 }),
      404,
    );
    expectError(await call(student, "POST", "/api/payments", "amountCents=100"), 400);
  });
});

async function pendingPayment(amountCents = 5000) {
  return testDb().payment.create({
    data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents },
  });
}

describe("POST /api/payments/{id}/approve", () => {
  it("200 COMPLETED; the row records the reviewer; a second approval is 409", async () => {
    const payment = await pendingPayment();
    const answer = await call<Payment>(admin, "POST", `/api/payments/${payment.id}/approve`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: payment.id,
      status: "COMPLETED",
      amountCents: 5000,
      courseId: world.course.id,
    });
    const row = await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row).toMatchObject({ status: "COMPLETED", reviewedById: world.admin.id });
    expect(row.reviewedAt).not.toBeNull();

    expectError(await call(admin, "POST", `/api/payments/${payment.id}/approve`), 409);
    expectError(await call(admin, "POST", `/api/payments/${payment.id}/reject`, {}), 409);
    expect((await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "COMPLETED",
    );
  });

  it("409 for a REJECTED payment", async () => {
    const payment = await testDb().payment.create({
      data: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        amountCents: 700,
        status: "REJECTED",
      },
    });
    expectError(await call(admin, "POST", `/api/payments/${payment.id}/approve`), 409);
  });

  it("two concurrent approvals: exactly one 200 and one 409, one notification", async () => {
    const payment = await pendingPayment(777);
    const other = await signedIn(world.admin.email, TEST_PASSWORD);
    const answers = await Promise.all(
      [admin, other].map((s) => call(s, "POST", `/api/payments/${payment.id}/approve`)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expectError(
      answers.find((a) => a.status === 409)!,
      409,
    );
    const notes = await testDb().notification.count({
      where: {
        userId: world.enrolled.id,
        title: "Payment approved",
        message: { contains: "7.77" },
      },
    });
    expect(notes).toBe(1);
  });

  it("approve racing reject: exactly one wins, the row agrees with the winner", async () => {
    const payment = await pendingPayment(888);
    const [approve, reject] = await Promise.all([
      call(admin, "POST", `/api/payments/${payment.id}/approve`),
      call(admin, "POST", `/api/payments/${payment.id}/reject`, { reason: "race" }),
    ]);
    expect([approve.status, reject.status].sort()).toEqual([200, 409]);
    const row = await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row.status).toBe(approve.status === 200 ? "COMPLETED" : "REJECTED");
  });

  it("404 for an unknown id, well-formed or malformed", async () => {
    expectError(await call(admin, "POST", `/api/payments/${UNKNOWN_ID}/approve`), 404);
    for (const id of MALFORMED_IDS) {
      expectError(
        await call(admin, "POST", `/api/payments/${encodeURIComponent(id)}/approve`),
        404,
      );
    }
  });

  it("403 for a student (even the payer) and a teacher; the payment stays PENDING", async () => {
    const payment = await pendingPayment();
    expectError(await call(student, "POST", `/api/payments/${payment.id}/approve`), 403);
    expectError(await call(teacher, "POST", `/api/payments/${payment.id}/approve`), 403);
    expect((await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "PENDING",
    );
  });
});

describe("POST /api/payments/{id}/reject", () => {
  it("200 REJECTED with the reason; without a body too", async () => {
    const payment = await pendingPayment();
    const answer = await call<Payment>(admin, "POST", `/api/payments/${payment.id}/reject`, {
      reason: "Wrong amount",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: payment.id,
      status: "REJECTED",
      reason: "Wrong amount",
    });
    expect(await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "REJECTED",
      reason: "Wrong amount",
    });

    const bare = await pendingPayment();
    const noBody = await call<Payment>(admin, "POST", `/api/payments/${bare.id}/reject`);
    expect(noBody.status).toBe(200);
    expect(noBody.body).toMatchObject({ status: "REJECTED", reason: null });
  });

  it("422 naming reason when it is not a string or too long; unknown fields too; 400 for non-JSON", async () => {
    const payment = await pendingPayment();
    expectError(
      await call(admin, "POST", `/api/payments/${payment.id}/reject`, { reason: 5 }),
      422,
      /reason/,
    );
    expectError(
      await call(admin, "POST", `/api/payments/${payment.id}/reject`, { reason: "x".repeat(501) }),
      422,
      /reason/,
    );
    expectError(
      await call(admin, "POST", `/api/payments/${payment.id}/reject`, {
        reason: "ok",
        refund: true,
      }),
      422,
      /refund/,
    );
    expectError(await call(admin, "POST", `/api/payments/${payment.id}/reject`, "reason"), 400);
    expect((await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "PENDING",
    );
  });

  it("404 for unknown ids", async () => {
    expectError(await call(admin, "POST", `/api/payments/${UNKNOWN_ID}/reject`, {}), 404);
    expectError(await call(admin, "POST", "/api/payments/nope/reject", {}), 404);
  });
});
