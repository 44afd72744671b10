// The dashboards' charts redraw live: a teacher's class average and attendance per session when
// they record a score and mark attendance, a student's scores over time when a score arrives,
// the admin's week when a student enrolls and a payment is approved. Read through each chart's
// table of numbers (what screen readers get), which is drawn from the same data as the picture.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCourse, buildCourseWorld, buildUser, TEST_PASSWORD } from "../helpers/factories";
import { signedIn } from "../helpers/http";
import { waitUntil } from "../helpers/wait";
import {
  captureFailure,
  chromiumOrSkip,
  launchBrowser,
  openAs,
  UI_TIMEOUT_MS,
  type Person,
} from "./helpers/browser";

const executable = chromiumOrSkip("live charts");

/** The rows of a chart's table, each as its cells' text. */
function chartRows(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
}

async function waitForRows(
  page: Page,
  testId: string,
  what: string,
  accept: (rows: string[][]) => boolean,
): Promise<string[][]> {
  let last: string[][] = [];
  await waitUntil(
    async () => accept((last = await chartRows(page, testId))),
    `${testId}: ${what} (last rows: ${JSON.stringify(last)})`,
    { timeout: UI_TIMEOUT_MS, interval: 200 },
  );
  return last;
}

describe.skipIf(!executable)("live charts on the dashboards", () => {
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    browser = await launchBrowser(executable!);
  });
  afterEach(async ({ task }) => {
    await captureFailure(task, people);
    await Promise.all(people.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("teacher and student charts follow a new score and attendance without a reload", async () => {
    const { teacher, enrolled, course } = await buildCourseWorld();
    const teacherView = await openAs(browser, "teacher", teacher.email, "/teacher");
    const studentView = await openAs(browser, "student", enrolled.email, "/student");
    people.push(teacherView, studentView);
    expect(await chartRows(teacherView.page, "chart-class-average")).toEqual([]);
    expect(await chartRows(studentView.page, "chart-scores")).toEqual([]);

    const api = await signedIn(teacher.email, TEST_PASSWORD);
    const scored = await api.post("/api/scores", {
      studentId: enrolled.id,
      courseId: course.id,
      score: 8,
      maxScore: 10,
      title: "Chart quiz",
    });
    expect(scored.status).toBe(201);
    await waitForRows(teacherView.page, "chart-class-average", "80% for the course", (rows) =>
      rows.some(([title, average]) => title === course.title && average === "80%"),
    );
    await waitForRows(studentView.page, "chart-scores", "the new score", (rows) =>
      rows.some((cells) => cells.includes("Chart quiz") && cells.includes("8 / 10 (80%)")),
    );

    const today = new Date().toISOString().slice(0, 10);
    const marked = await api.post("/api/attendance", {
      studentId: enrolled.id,
      courseId: course.id,
      date: today,
      status: "late",
    });
    expect(marked.status).toBe(201);
    // Columns: date, present, late, excused, absent.
    const rows = await waitForRows(teacherView.page, "chart-attendance", "one late", (r) =>
      r.some((cells) => cells[2] === "1"),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(1)).toEqual(["0", "1", "0", "0"]);
  });

  it("the admin's week counts a new enrollment and an approved payment without a reload", async () => {
    const admin = await buildUser({ role: "ADMIN" });
    const course = await buildCourse();
    const student = await buildUser({ role: "STUDENT" });
    const adminView = await openAs(browser, "admin", admin.email, "/admin");
    people.push(adminView);
    // Columns: week of, enrollments, revenue ("$1,234.50"); the last row is this week.
    const thisWeek = async () => {
      const rows = await chartRows(adminView.page, "chart-weekly");
      const [, enrollments, revenue] = rows.at(-1)!;
      return { enrollments: Number(enrollments), revenue: Number(revenue!.replace(/[$,]/g, "")) };
    };
    const before = await thisWeek();

    const studentApi = await signedIn(student.email, TEST_PASSWORD);
    expect((await studentApi.post("/api/enrollments", { courseId: course.id })).status).toBe(201);
    await waitUntil(
      async () => (await thisWeek()).enrollments >= before.enrollments + 1,
      "the week's enrollments to count the new one",
      { timeout: UI_TIMEOUT_MS, interval: 200 },
    );

    const paid = await studentApi.post("/api/payments", { courseId: course.id, amountCents: 1234 });
    expect(paid.status).toBe(201);
    const adminApi = await signedIn(admin.email, TEST_PASSWORD);
    const paymentId = (paid.body as { id: string }).id;
    expect((await adminApi.post(`/api/payments/${paymentId}/approve`, {})).status).toBe(200);
    await waitUntil(
      async () => (await thisWeek()).revenue >= before.revenue + 12.34 - 0.001,
      "the week's revenue to include the approved payment",
      { timeout: UI_TIMEOUT_MS, interval: 200 },
    );
  });
});
