// What people see change on their open pages, without reloading, when someone else acts:
// (a) an admin approves a payment, (b) a student enrolls, (d) an admin posts an announcement,
// (e) a teacher records a score and marks attendance. Each person has their own browser context
// and signs in through the real form; everything runs against the stack of `pnpm test`.
import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime";
import { buildCourseWorld, buildEnrollment, buildUser, TEST_PASSWORD } from "../helpers/factories";
import { signedIn } from "../helpers/http";
import {
  bellCount,
  captureFailure,
  chromiumOrSkip,
  launchBrowser,
  openAs,
  recordToastTime,
  responseEndAt,
  screenshot,
  stopwatch,
  toast,
  toastSeenAt,
  waitForBellAbove,
  type Person,
} from "./helpers/browser";
import { confirmDialog, pendingApprove } from "./helpers/admin";

const executable = chromiumOrSkip("live dashboards");
const tag = () => randomUUID().slice(0, 8);

describe.skipIf(!executable)("live dashboards in the browser", () => {
  let browser: Browser;
  const people: Person[] = [];
  const open = async (label: string, email: string, pathname: string) => {
    const person = await openAs(browser, label, email, pathname);
    people.push(person);
    return person;
  };

  beforeAll(async () => {
    browser = await launchBrowser(executable!);
  });
  afterEach(async ({ task }) => {
    await captureFailure(task, people);
    // Lean: never more contexts alive than the current scenario needs.
    await Promise.all(people.splice(0).map((p) => p.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("(a) an admin approves a payment: the student's dashboard shows the toast, the status and the bell", async () => {
    const world = await buildCourseWorld();
    const { enrolled: student, admin, course } = world;
    const studentApi = await signedIn(student.email, TEST_PASSWORD);
    const created = await studentApi.post("/api/payments", {
      courseId: course.id,
      amountCents: 4990,
    });
    expect(created.status).toBe(201);
    const paymentId = (created.body as { id: string }).id;

    const watch = stopwatch("(a) payment approval → student dashboard");
    const studentView = await open("student", student.email, "/student");
    await studentView.waitForSubscription(channels.user(student.id));
    const status = studentView.page.getByTestId(`payment-status-${paymentId}`);
    expect(await status.textContent()).toBe("pending");
    const bellBefore = await bellCount(studentView.page);

    const adminView = await open("admin", admin.email, "/admin");
    const approve = await pendingApprove(adminView.page, paymentId);

    await recordToastTime(studentView.page, "Payment approved");
    const answered = adminView.page.waitForResponse(
      (r) =>
        r.url().endsWith(`/api/payments/${paymentId}/approve`) && r.request().method() === "POST",
    );
    // Approving asks first (the amount, student and course); the clock starts at the confirmation.
    await approve.click();
    const clickedAt = Date.now();
    await confirmDialog(adminView.page, "Approve payment");
    const response = await answered;
    const responseSeenAt = Date.now();
    expect(response.status()).toBe(200);
    await response.finished();
    // When the admin's browser had the whole response (its own resource timing, epoch ms; the
    // student's Date.now() below is the same machine's clock).
    const responseEnd = await responseEndAt(adminView.page, `/api/payments/${paymentId}/approve`);

    const toastAt = await toastSeenAt(studentView.page, "Payment approved");
    await toast(studentView.page, "Payment approved").waitFor();
    await studentView.page
      .getByTestId(`payment-status-${paymentId}`)
      .filter({ hasText: /^completed$/ })
      .waitFor();
    const bellAfter = await waitForBellAbove(studentView.page, bellBefore);
    expect(bellAfter).toBeGreaterThan(bellBefore);
    // The admin's own list drops the approved payment.
    await approve.waitFor({ state: "detached" });

    const frame = studentView.frameAfter(clickedAt, "new-notification", channels.user(student.id));
    const delay = Math.round(toastAt - responseEnd);
    console.log(
      `[e2e timing] (a) approve API response (admin browser) → toast in the student's DOM: ${delay} ms` +
        ` (negative: the toast came first); response seen by the test → toast: ${toastAt - responseSeenAt} ms;` +
        (frame
          ? ` new-notification frame seen by the test: ${frame.at - clickedAt} ms after the click;`
          : "") +
        ` click → toast: ${toastAt - clickedAt} ms`,
    );
    await screenshot(studentView.page, "a-student-toast");
    watch.report(`bell ${bellBefore} → ${bellAfter}`);
  });

  it("(b) a student enrolls: the teacher's dashboard shows the new count and the feed item", async () => {
    const { teacher, course, outsider: student } = await buildCourseWorld();
    const watch = stopwatch("(b) enrollment → teacher dashboard");
    const teacherView = await open("teacher", teacher.email, "/teacher");
    await teacherView.waitForSubscription(channels.courseEnrollments(course.id));
    const count = teacherView.page.getByTestId(`enrollment-count-${course.id}`);
    expect(await count.textContent()).toBe("1");
    const feedItem = teacherView.page
      .getByTestId("enrollment-feed-item")
      .filter({ hasText: student.name });
    expect(await feedItem.count()).toBe(0);

    const studentView = await open("student", student.email, "/courses");
    const enroll = studentView.page.getByTestId(`enroll-${course.id}`);
    await enroll.click();
    await toast(studentView.page, `Enrolled in ${course.title}`).waitFor();

    await teacherView.page
      .getByTestId(`enrollment-count-${course.id}`)
      .filter({ hasText: /^2$/ })
      .waitFor();
    await feedItem.first().waitFor();
    expect(await feedItem.first().textContent()).toContain(course.title);
    await toast(teacherView.page, `New enrollment: ${student.name}`).waitFor();
    await screenshot(teacherView.page, "b-teacher-new-enrollment");
    watch.report();
  });

  it("(d) an admin posts an announcement: the banner appears on other people's open pages", async () => {
    const { admin, teacher, enrolled: student } = await buildCourseWorld();
    const watch = stopwatch("(d) announcement → banner on open pages");
    const title = `Campus notice ${tag()}`;
    const studentView = await open("student", student.email, "/student");
    const teacherView = await open("teacher", teacher.email, "/teacher");
    // public-announcements is subscribed before the private channels (no auth round trip).
    await studentView.waitForSubscription(channels.publicAnnouncements());
    await teacherView.waitForSubscription(channels.publicAnnouncements());

    const adminView = await open("admin", admin.email, "/admin");
    const form = adminView.page.getByTestId("announcement-form");
    await form.locator('input[name="title"]').fill(title);
    await form.locator('textarea[name="message"]').fill("The library stays open late all week.");
    await form.locator('button[type="submit"]').click();
    await toast(adminView.page, "Announcement posted").waitFor();

    for (const view of [studentView, teacherView]) {
      const banner = view.page.getByTestId("announcement").filter({ hasText: title });
      await banner.waitFor();
      expect(await banner.textContent()).toContain("The library stays open late all week.");
    }
    await screenshot(studentView.page, "d-announcement-banner");
    watch.report();
  });

  it("(e) a teacher records a score and marks attendance: the student's dashboard shows toasts and updated tables", async () => {
    const { teacher, course, enrolled: student } = await buildCourseWorld();
    // A second enrolled student, so the teacher has to pick the right one.
    const classmate = await buildUser({ role: "STUDENT" });
    await buildEnrollment(classmate.id, course.id);
    const assessment = `Quiz ${tag()}`;

    const watch = stopwatch("(e) score + attendance → student dashboard");
    const studentView = await open("student", student.email, "/student");
    await studentView.waitForSubscription(channels.user(student.id));
    const scores = studentView.page.getByTestId("scores");
    const attendance = studentView.page.getByTestId("attendance");
    expect(await scores.textContent()).toContain("No scores yet.");
    expect(await attendance.textContent()).toContain("No attendance recorded yet.");

    const teacherView = await open("teacher", teacher.email, `/courses/${course.id}`);
    const form = teacherView.page.getByTestId("score-form");
    await form.locator('select[name="studentId"]').selectOption(student.id);
    await form.locator('input[name="title"]').fill(assessment);
    await form.locator('input[name="score"]').fill("42");
    await form.locator('input[name="maxScore"]').fill("50");
    await form.locator('button[type="submit"]').click();
    await toast(teacherView.page, "Score saved").waitFor();

    await toast(studentView.page, "New score")
      .filter({ hasText: `${assessment} in ${course.title}: 42/50` })
      .waitFor();
    const scoreRow = scores.locator("tr").filter({ hasText: assessment });
    await scoreRow.waitFor();
    expect(await scoreRow.textContent()).toContain("42/50");
    await studentView.page.getByTestId("stat-average-score").filter({ hasText: /^84%$/ }).waitFor();

    await teacherView.page.getByTestId(`attendance-${student.id}-late`).click();
    await teacherView.page
      .locator(`[data-testid="attendance-${student.id}-late"][aria-pressed="true"]`)
      .waitFor();

    await toast(studentView.page, "Attendance marked").filter({ hasText: "late" }).waitFor();
    const attendanceRow = attendance.locator("tr").filter({ hasText: course.title });
    await attendanceRow.waitFor();
    expect(await attendanceRow.textContent()).toContain("late");
    await screenshot(studentView.page, "e-student-score-attendance");
    watch.report();
  });
});
