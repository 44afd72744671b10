// Safe payments (a price per course, enrolled students only, never above what is due) and the
// paged lists (cursor paging, search): docs/api.md "Payments" and "Paging".
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildCourse,
  buildCourseWorld,
  buildUser,
  testDb,
  type CourseWorld,
} from "../helpers/factories";
import { type Session } from "../helpers/http";
import { call, expectError, signInAll, type ApiError } from "../helpers/api";

type Course = { id: string; title: string; priceCents: number; amountDueCents: number | null };
type Page<T> = { items: T[]; nextCursor: string | null };

let world: CourseWorld;
let student: Session;
let outsider: Session;
let cancelled: Session;
let admin: Session;
let teacher: Session;

beforeAll(async () => {
  world = await buildCourseWorld();
  [student, outsider, cancelled, admin, teacher] = await signInAll([
    world.enrolled,
    world.outsider,
    world.cancelled,
    world.admin,
    world.teacher,
  ] as const);
});

const code = (answer: { body: unknown }) => (answer.body as ApiError).error.code;

/** A course priced `priceCents` with the world's enrolled student in it. */
async function pricedCourse(priceCents: number) {
  const course = await buildCourse({ teacherId: world.teacher.id, priceCents });
  await testDb().enrollment.create({ data: { studentId: world.enrolled.id, courseId: course.id } });
  return course;
}

const pay = (session: Session, courseId: string, amountCents: number) =>
  call<{ id: string; status: string }>(session, "POST", "/api/payments", { courseId, amountCents });

describe("POST /api/payments: enrolled students only, never above what is due", () => {
  it("422 not_enrolled (naming courseId) for a student not enrolled or cancelled; no row", async () => {
    for (const [session, user] of [
      [outsider, world.outsider],
      [cancelled, world.cancelled],
    ] as const) {
      const answer = await pay(session, world.course.id, 100);
      expectError(answer, 422, /courseId/);
      expect(code(answer)).toBe("not_enrolled");
      expect(await testDb().payment.count({ where: { studentId: user.id } })).toBe(0);
    }
  });

  it("accepts up to what is due, then 422 amount_exceeds_due naming amountCents and the amount", async () => {
    const course = await pricedCourse(10_000);
    expect((await pay(student, course.id, 6_000)).status).toBe(201);
    const over = await pay(student, course.id, 4_001);
    expectError(over, 422, /amountCents.*\$40\.00/);
    expect(code(over)).toBe("amount_exceeds_due");
    expect((await pay(student, course.id, 4_000)).status).toBe(201);
    const nothing = await pay(student, course.id, 1);
    expectError(nothing, 422, /amountCents: nothing is due/);
    expect(code(nothing)).toBe("amount_exceeds_due");
    expect(await testDb().payment.count({ where: { courseId: course.id } })).toBe(2);
  });

  it("a rejected payment is no longer counted: what it held is due again", async () => {
    const course = await pricedCourse(5_000);
    const first = await pay(student, course.id, 5_000);
    expect(first.status).toBe(201);
    expect(code(await pay(student, course.id, 1))).toBe("amount_exceeds_due");
    expect((await call(admin, "POST", `/api/payments/${first.body.id}/reject`, {})).status).toBe(
      200,
    );
    expect((await pay(student, course.id, 5_000)).status).toBe(201);
  });

  it("a free course takes no payment", async () => {
    const course = await pricedCourse(0);
    expect(code(await pay(student, course.id, 100))).toBe("amount_exceeds_due");
  });

  it("concurrent payments cannot together exceed what is due", async () => {
    const course = await pricedCourse(1_000);
    const answers = await Promise.all([0, 1, 2].map(() => pay(student, course.id, 600)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    const { _sum } = await testDb().payment.aggregate({
      where: { courseId: course.id },
      _sum: { amountCents: true },
    });
    expect(_sum.amountCents).toBe(600);
  });
});

describe("prices and what is due in GET /api/courses", () => {
  it("shows the price to everyone and what is due to the enrolled student only", async () => {
    const course = await pricedCourse(20_000);
    expect((await pay(student, course.id, 7_500)).status).toBe(201);
    const find = async (session: Session) =>
      (await call<Course[]>(session, "GET", "/api/courses")).body.find((c) => c.id === course.id);
    expect(await find(student)).toMatchObject({ priceCents: 20_000, amountDueCents: 12_500 });
    expect(await find(outsider)).toMatchObject({ priceCents: 20_000, amountDueCents: null });
    expect(await find(teacher)).toMatchObject({ priceCents: 20_000, amountDueCents: null });
    const view = await call<{ priceCents: number; viewer: { amountDueCents: number | null } }>(
      student,
      "GET",
      `/api/courses/${course.id}`,
    );
    expect(view.body).toMatchObject({ priceCents: 20_000, viewer: { amountDueCents: 12_500 } });
  });

  it("an admin sets the price on create and edit; a teacher may not; a bad price is 422", async () => {
    const created = await call<{ id: string; priceCents: number }>(admin, "POST", "/api/courses", {
      title: "Priced course",
      teacherId: world.teacher.id,
      priceCents: 12_300,
    });
    expect(created.status).toBe(201);
    expect(created.body.priceCents).toBe(12_300);
    const path = `/api/courses/${created.body.id}`;
    const edited = await call<{ priceCents: number }>(admin, "PATCH", path, { priceCents: 9_900 });
    expect(edited.body.priceCents).toBe(9_900);
    expectError(await call(teacher, "PATCH", path, { priceCents: 1 }), 403);
    for (const priceCents of [-1, 1.5, "10", 100_000_001])
      expectError(await call(admin, "PATCH", path, { priceCents }), 422, /priceCents/);
    const row = await testDb().course.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.priceCents).toBe(9_900);
  });

  it("searches with q (title or teacher, any case) and pages with limit and X-Next-Cursor", async () => {
    const tag = `Searchable ${Date.now()}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await buildCourse({ title: `${tag} ${i}` }));
    const found = await call<Course[]>(
      student,
      "GET",
      `/api/courses?q=${encodeURIComponent(tag.toUpperCase())}`,
    );
    expect(found.body.map((c) => c.id)).toEqual(made.map((c) => c.id));

    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const q = `q=${encodeURIComponent(tag)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await student.fetch(`/api/courses?${q}`);
      seen.push(...((await response.json()) as Course[]).map((c) => c.id));
      cursor = response.headers.get("x-next-cursor");
    }
    expect(seen).toEqual(made.map((c) => c.id));
    expectError(await call(student, "GET", "/api/courses?limit=0"), 400, /limit/);
    expectError(await call(student, "GET", "/api/courses?cursor=nope"), 400, /cursor/);
  });
});

describe("paging", () => {
  it("GET /api/payments: limit, X-Next-Cursor and order; without them the same array as before", async () => {
    const course = await pricedCourse(100_000);
    for (const amount of [101, 102, 103])
      expect((await pay(student, course.id, amount)).status).toBe(201);
    const all = await call<{ id: string; courseId: string }[]>(student, "GET", "/api/payments");
    const mine = all.body.filter((p) => p.courseId === course.id).map((p) => p.id);
    expect(mine).toHaveLength(3);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const response = await student.fetch(
        `/api/payments?limit=2&order=asc${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(response.status).toBe(200);
      pages.push(((await response.json()) as { id: string }[]).map((p) => p.id));
      cursor = response.headers.get("x-next-cursor");
    } while (cursor);
    const ascending = pages.flat();
    expect(ascending).toEqual([...all.body.map((p) => p.id)].reverse());
    expect(pages.every((p) => p.length <= 2)).toBe(true);
    expectError(await call(student, "GET", "/api/payments?order=up"), 400, /order/);
  });

  it("GET /api/notifications: nextCursor walks every notification once", async () => {
    const [user] = [await buildUser()];
    for (let i = 0; i < 5; i++)
      await testDb().notification.create({
        data: {
          userId: user.id,
          title: `n${i}`,
          message: "m",
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        },
      });
    const [session] = await signInAll([user] as const);
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<{ title: string }> } = await call(
        session,
        "GET",
        `/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      titles.push(...page.body.items.map((n) => n.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(titles).toEqual(["n4", "n3", "n2", "n1", "n0"]);
  });

  it("GET /api/scores and /api/attendance: pages of what the caller may read", async () => {
    const course = await pricedCourse(0);
    for (let i = 0; i < 3; i++) {
      await testDb().score.create({
        data: {
          studentId: world.enrolled.id,
          courseId: course.id,
          title: `q${i}`,
          score: i,
          maxScore: 10,
          createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
        },
      });
      await testDb().attendance.create({
        data: {
          studentId: world.enrolled.id,
          courseId: course.id,
          date: new Date(Date.UTC(2026, 0, 1 + i)),
          status: "present",
        },
      });
    }
    for (const [path, key] of [
      ["/api/scores", "title"],
      ["/api/attendance", "date"],
    ] as const) {
      const first = await call<Page<Record<string, string>>>(
        teacher,
        "GET",
        `${path}?courseId=${course.id}&limit=2`,
      );
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toBe(first.body.items[1]!.id);
      const second = await call<Page<Record<string, string>>>(
        teacher,
        "GET",
        `${path}?courseId=${course.id}&limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.nextCursor).toBeNull();
      const values = [...first.body.items, ...second.body.items].map((row) => row[key]);
      expect(values).toEqual(
        key === "title" ? ["q2", "q1", "q0"] : ["2026-01-03", "2026-01-02", "2026-01-01"],
      );
      // The student reads their own; another student and another teacher see none of them.
      const own = await call<Page<{ studentId: string }>>(
        student,
        "GET",
        `${path}?courseId=${course.id}`,
      );
      expect(own.body.items).toHaveLength(3);
      const other = await signInAll([world.otherTeacher] as const);
      for (const session of [outsider, other[0]]) {
        const none = await call<Page<unknown>>(session, "GET", `${path}?courseId=${course.id}`);
        expect(none.body).toEqual({ items: [], nextCursor: null });
      }
      expectError(await call(teacher, "GET", `${path}?limit=500`), 400, /limit/);
      expectError(await call(teacher, "GET", `${path}?courseId=x`), 400, /courseId/);
    }
  });
});
