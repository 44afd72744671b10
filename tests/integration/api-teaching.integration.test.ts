// POST /api/scores, PATCH /api/scores/{id}, POST /api/attendance, POST /api/announcements
// (docs/api.md): shapes and rows, validation naming the field, 403 for another course's teacher.
import { beforeAll, describe, expect, it } from "vitest";
import { buildCourseWorld, testDb, type CourseWorld } from "../helpers/factories";
import type { Session } from "../helpers/http";
import {
  call,
  signInAll,
  expectError,
  ISO_DATE_TIME,
  MALFORMED_IDS,
  UNKNOWN_ID,
} from "../helpers/api";

type Score = {
  id: string;
  scoreId: string;
  courseId: string;
  courseTitle: string;
  studentId: string;
  score: number;
  maxScore: number;
  title: string;
};

let world: CourseWorld;
let teacher: Session;
let otherTeacher: Session;
let student: Session;
let admin: Session;

beforeAll(async () => {
  world = await buildCourseWorld();
  [teacher, otherTeacher, student, admin] = await signInAll([
    world.teacher,
    world.otherTeacher,
    world.enrolled,
    world.admin,
  ] as const);
});

const scoreBody = (overrides: Record<string, unknown> = {}) => ({
  studentId: world.enrolled.id,
  courseId: world.course.id,
  score: 17.5,
  maxScore: 20,
  title: "Midterm",
  ...overrides,
});

describe("POST /api/scores", () => {
  it("201 with the score; the row matches; title is optional", async () => {
    const answer = await call<Score>(teacher, "POST", "/api/scores", scoreBody());
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      id: expect.any(String),
      studentId: world.enrolled.id,
      courseId: world.course.id,
      courseTitle: world.course.title,
      score: 17.5,
      maxScore: 20,
      title: "Midterm",
    });
    expect(await testDb().score.findUniqueOrThrow({ where: { id: answer.body.id } })).toMatchObject(
      {
        score: 17.5,
        maxScore: 20,
        title: "Midterm",
        studentId: world.enrolled.id,
      },
    );
    const untitled = await call<Score>(
      teacher,
      "POST",
      "/api/scores",
      scoreBody({ title: undefined }),
    );
    expect(untitled.status).toBe(201);
    expect(untitled.body.title).toEqual(expect.any(String));
  });

  it("accepts score equal to maxScore and 0", async () => {
    expect((await call(teacher, "POST", "/api/scores", scoreBody({ score: 20 }))).status).toBe(201);
    expect((await call(teacher, "POST", "/api/scores", scoreBody({ score: 0 }))).status).toBe(201);
  });

  it.each([
    ["score above maxScore", { score: 21 }, /score/],
    ["negative score", { score: -1 }, /score/],
    ["score as a string", { score: "10" }, /score/],
    ["maxScore 0", { maxScore: 0 }, /maxScore/],
    ["missing studentId", { studentId: undefined }, /studentId/],
    ["malformed studentId", { studentId: "x" }, /studentId/],
    ["empty title", { title: "  " }, /title/],
    ["title too long", { title: "t".repeat(201) }, /title/],
    ["an unknown field", { weight: 2 }, /weight/],
  ])("422 naming the field for %s", async (_what, overrides, field) => {
    expectError(await call(teacher, "POST", "/api/scores", scoreBody(overrides)), 422, field);
  });

  it("422 naming studentId for a student not actively enrolled (outsider, cancelled)", async () => {
    expectError(
      await call(teacher, "POST", "/api/scores", scoreBody({ studentId: world.outsider.id })),
      422,
      /studentId/,
    );
    expectError(
      await call(teacher, "POST", "/api/scores", scoreBody({ studentId: world.cancelled.id })),
      422,
      /studentId/,
    );
  });

  it("403 for the teacher of another course; 404 for an unknown course; nothing stored", async () => {
    const before = await testDb().score.count({ where: { courseId: world.course.id } });
    expectError(await call(otherTeacher, "POST", "/api/scores", scoreBody()), 403);
    expectError(
      await call(teacher, "POST", "/api/scores", scoreBody({ courseId: UNKNOWN_ID })),
      404,
    );
    expectError(await call(teacher, "POST", "/api/scores", "{"), 400);
    expect(await testDb().score.count({ where: { courseId: world.course.id } })).toBe(before);
  });
});

describe("PATCH /api/scores/{id}", () => {
  async function aScore() {
    return testDb().score.create({
      data: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        title: "Quiz",
        score: 5,
        maxScore: 10,
      },
    });
  }

  it("200 with the corrected score; the row changes", async () => {
    const row = await aScore();
    const answer = await call<Score>(teacher, "PATCH", `/api/scores/${row.id}`, { score: 9.5 });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: row.id,
      score: 9.5,
      maxScore: 10,
      courseId: world.course.id,
      courseTitle: world.course.title,
    });
    const both = await call<Score>(teacher, "PATCH", `/api/scores/${row.id}`, {
      score: 30,
      maxScore: 40,
    });
    expect(both.status).toBe(200);
    expect(await testDb().score.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      score: 30,
      maxScore: 40,
    });
  });

  it("422 naming the field: nothing to change, above maxScore, bad types, unknown fields", async () => {
    const row = await aScore();
    expectError(await call(teacher, "PATCH", `/api/scores/${row.id}`, {}), 422, /score/);
    expectError(await call(teacher, "PATCH", `/api/scores/${row.id}`, { score: 11 }), 422, /score/);
    expectError(
      await call(teacher, "PATCH", `/api/scores/${row.id}`, { maxScore: 4 }),
      422,
      /score/,
    );
    expectError(
      await call(teacher, "PATCH", `/api/scores/${row.id}`, { maxScore: 0 }),
      422,
      /maxScore/,
    );
    expectError(
      await call(teacher, "PATCH", `/api/scores/${row.id}`, { score: "7" }),
      422,
      /score/,
    );
    expectError(
      await call(teacher, "PATCH", `/api/scores/${row.id}`, {
        score: 7,
        studentId: world.outsider.id,
      }),
      422,
      /studentId/,
    );
    expectError(await call(teacher, "PATCH", `/api/scores/${row.id}`, "score=7"), 400);
    expect(await testDb().score.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      score: 5,
      maxScore: 10,
    });
  });

  it("403 for another course's teacher and for a student; 404 for unknown ids", async () => {
    const row = await aScore();
    expectError(await call(otherTeacher, "PATCH", `/api/scores/${row.id}`, { score: 1 }), 403);
    expectError(await call(student, "PATCH", `/api/scores/${row.id}`, { score: 10 }), 403);
    expectError(await call(teacher, "PATCH", `/api/scores/${UNKNOWN_ID}`, { score: 1 }), 404);
    for (const id of MALFORMED_IDS) {
      expectError(
        await call(teacher, "PATCH", `/api/scores/${encodeURIComponent(id)}`, { score: 1 }),
        404,
      );
    }
    expect((await testDb().score.findUniqueOrThrow({ where: { id: row.id } })).score).toBe(5);
  });
});

describe("POST /api/attendance", () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    studentId: world.enrolled.id,
    courseId: world.course.id,
    date: "2026-03-02",
    status: "present",
    ...overrides,
  });

  it("201; a repeat for the same date updates the one row; another date adds one", async () => {
    const first = await call<{ id: string; status: string; date: string }>(
      teacher,
      "POST",
      "/api/attendance",
      body(),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: expect.any(String),
      studentId: world.enrolled.id,
      courseId: world.course.id,
      date: "2026-03-02",
      status: "present",
    });

    const repeat = await call<{ id: string; status: string }>(
      teacher,
      "POST",
      "/api/attendance",
      body({ status: "late" }),
    );
    expect(repeat.status).toBe(201);
    expect(repeat.body).toMatchObject({ id: first.body.id, status: "late" });
    const rows = await testDb().attendance.findMany({
      where: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        date: new Date("2026-03-02"),
      },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.body.id, status: "late" });

    expect(
      (
        await call(
          teacher,
          "POST",
          "/api/attendance",
          body({ date: "2026-03-03", status: "excused" }),
        )
      ).status,
    ).toBe(201);
    expect(
      await testDb().attendance.count({
        where: { studentId: world.enrolled.id, courseId: world.course.id },
      }),
    ).toBe(2);
  });

  it("concurrent marks for the same date still leave one row", async () => {
    const answers = await Promise.all(
      ["present", "absent", "late"].map((status) =>
        call(teacher, "POST", "/api/attendance", body({ date: "2026-04-01", status })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(
      await testDb().attendance.count({
        where: { studentId: world.enrolled.id, date: new Date("2026-04-01") },
      }),
    ).toBe(1);
  });

  it.each([
    ["an impossible date", { date: "2026-02-30" }, /date/],
    ["month 13", { date: "2026-13-01" }, /date/],
    ["a date-time", { date: "2026-03-02T10:00:00Z" }, /date/],
    ["a word", { date: "yesterday" }, /date/],
    ["a number", { date: 20260302 }, /date/],
    ["status sick", { status: "sick" }, /status/],
    ["status in capitals", { status: "PRESENT" }, /status/],
    ["missing status", { status: undefined }, /status/],
    ["an unknown field", { note: "x" }, /note/],
  ])("422 naming the field for %s", async (_what, overrides, field) => {
    expectError(await call(teacher, "POST", "/api/attendance", body(overrides)), 422, field);
  });

  it("403 for another course's teacher, 404 unknown course, 422 a student not enrolled", async () => {
    expectError(
      await call(otherTeacher, "POST", "/api/attendance", body({ date: "2026-05-01" })),
      403,
    );
    expectError(
      await call(teacher, "POST", "/api/attendance", body({ courseId: UNKNOWN_ID })),
      404,
    );
    expectError(
      await call(teacher, "POST", "/api/attendance", body({ studentId: world.outsider.id })),
      422,
      /studentId/,
    );
    expect(
      await testDb().attendance.count({
        where: { courseId: world.course.id, date: new Date("2026-05-01") },
      }),
    ).toBe(0);
  });
});

describe("POST /api/announcements", () => {
  it("201 with {id, title, message, timestamp}; the row is stored", async () => {
    const title = `Campus closed ${Date.now()}`;
    const answer = await call<{ id: string; title: string; message: string; timestamp: string }>(
      admin,
      "POST",
      "/api/announcements",
      {
        title,
        message: "Snow day.",
      },
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      id: expect.any(String),
      title,
      message: "Snow day.",
      timestamp: expect.stringMatching(ISO_DATE_TIME),
    });
    expect(
      await testDb().announcement.findUniqueOrThrow({ where: { id: answer.body.id } }),
    ).toMatchObject({ title, authorId: world.admin.id });
  });

  it.each([
    ["missing title", { message: "m" }, /title/],
    ["empty title", { title: "   ", message: "m" }, /title/],
    ["missing message", { title: "t" }, /message/],
    ["title too long", { title: "t".repeat(201), message: "m" }, /title/],
    ["message too long", { title: "t", message: "m".repeat(5001) }, /message/],
    ["a numeric title", { title: 5, message: "m" }, /title/],
    ["an unknown field", { title: "t", message: "m", pinned: true }, /pinned/],
  ])("422 naming the field for %s", async (_what, body, field) => {
    expectError(await call(admin, "POST", "/api/announcements", body), 422, field);
  });

  it("400 for non-JSON", async () => {
    expectError(await call(admin, "POST", "/api/announcements", "title=t&message=m"), 400);
  });
});
