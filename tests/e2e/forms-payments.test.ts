// Forms and safe payments in the browser: a student's payment form says what is wrong next to
// the field (client rules and the server's), shows what is due, and on a 390 px phone the
// admin's Approve is on screen and asks before acting; a teacher's refused score does not stay
// in the input; lists load more.
import { describe, expect, it } from "vitest";
import { buildCourse, buildCourseWorld, buildEnrollment, testDb } from "../helpers/factories";
import { signedIn } from "../helpers/http";
import { TEST_PASSWORD } from "../helpers/factories";
import { chromiumOrSkip, openAs, screenshot, suiteBrowser } from "./helpers/browser";
import { confirmDialog, pendingApprove } from "./helpers/admin";

const executable = chromiumOrSkip("forms and payments");
const PHONE = { width: 390, height: 844 };

describe.skipIf(!executable)("forms and safe payments", () => {
  const suite = suiteBrowser(executable!);

  it("the payment form explains bad amounts by the field, shows what is due, and maps the server's refusal", async () => {
    const world = await buildCourseWorld();
    const course = await buildCourse({ teacherId: world.teacher.id, priceCents: 20_000 });
    await buildEnrollment(world.enrolled.id, course.id);
    await testDb().enrollment.deleteMany({
      where: { studentId: world.enrolled.id, courseId: world.course.id },
    });
    const student = await openAs(suite.browser, "student", world.enrolled.email, "/student");
    suite.people.push(student);
    const { page } = student;
    await page.setViewportSize(PHONE);
    const form = page.getByTestId("payment-form");
    await page.getByTestId("amount-due").filter({ hasText: "$200.00" }).waitFor();
    // "My courses" says it too.
    const due = page.getByTestId(`my-course-due-${course.id}`);
    await due.filter({ hasText: "$200.00 due" }).waitFor();
    const amount = form.getByLabel("Amount (USD)");
    const submit = form.getByRole("button", { name: "Submit payment" });
    const errorText = () => page.getByTestId("payment-amount").getByTestId("field-error");

    for (const [typed, says] of [
      ["abc", "digits only"],
      ["10,50", "Use a dot for cents"],
      ["-5", "above $0.00"],
      ["0", "more than $0.00"],
      ["250", "more than the $200.00 due"],
    ] as const) {
      await amount.fill(typed);
      await submit.click();
      await errorText().filter({ hasText: says }).waitFor();
      expect(await amount.getAttribute("aria-invalid")).toBe("true");
    }
    expect(await testDb().payment.count({ where: { studentId: world.enrolled.id } })).toBe(0);

    // Meanwhile a payment from elsewhere leaves $50.00 due: the page still believes $200.00,
    // so the server refuses, and its reason shows by the amount field.
    const api = await signedIn(world.enrolled.email, TEST_PASSWORD);
    expect(
      (await api.post("/api/payments", { courseId: course.id, amountCents: 15_000 })).status,
    ).toBe(201);
    await amount.fill("$120");
    await submit.click();
    await errorText().filter({ hasText: "at most $50.00" }).waitFor();
    // The refusal also refreshes what the page shows as due.
    await page.getByTestId("amount-due").filter({ hasText: "$50.00" }).waitFor();

    await amount.fill("50");
    await submit.click();
    await page.getByTestId("amount-due").filter({ hasText: "$0.00" }).waitFor();
    await page.getByTestId("disabled-reason").filter({ hasText: "Nothing is due" }).waitFor();
    expect(await submit.isDisabled()).toBe(true);
    await due.filter({ hasText: "Nothing due" }).waitFor();
    const rows = await testDb().payment.findMany({ where: { courseId: course.id } });
    expect(rows.map((r) => r.amountCents).sort((a, b) => a - b)).toEqual([5_000, 15_000]);
    const width = await page.evaluate(() => document.querySelector("main")?.scrollWidth ?? 0);
    expect(width).toBeLessThanOrEqual(PHONE.width);
  });

  it("on a phone the admin's Approve is on screen, asks first, and Escape leaves the payment pending", async () => {
    const world = await buildCourseWorld();
    const payment = await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 4_321 },
    });
    const admin = await openAs(suite.browser, "admin", world.admin.email, "/admin");
    suite.people.push(admin);
    const { page } = admin;
    await page.setViewportSize(PHONE);
    await page.getByTestId("pending-payments").scrollIntoViewIfNeeded();
    const approve = await pendingApprove(page, payment.id);
    await approve.scrollIntoViewIfNeeded();
    const box = (await approve.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.getByTestId(`reject-${payment.id}`).isVisible()).toBe(true);

    await approve.click();
    const dialog = page.getByRole("dialog");
    await dialog.filter({ hasText: "$43.21" }).waitFor();
    expect(await dialog.textContent()).toContain(world.enrolled.name);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "PENDING",
    );

    await page.getByTestId(`reject-${payment.id}`).click();
    await page.getByTestId("reject-reason").getByRole("textbox").fill("Wrong course");
    await confirmDialog(page, "Reject payment");
    await approve.waitFor({ state: "detached" });
    const row = await testDb().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(row).toMatchObject({ status: "REJECTED", reason: "Wrong course" });
    // Focus stays in the list's place (its heading or the next row), not back on the page.
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
    await screenshot(page, "pending-payments-phone");
  });

  it("a refused score goes back to the recorded one, with the reason; lists load more", async () => {
    const world = await buildCourseWorld();
    const score = await testDb().score.create({
      data: {
        studentId: world.enrolled.id,
        courseId: world.course.id,
        title: "Quiz",
        score: 85,
        maxScore: 100,
      },
    });
    for (let i = 0; i < 25; i++)
      await testDb().attendance.create({
        data: {
          studentId: world.enrolled.id,
          courseId: world.course.id,
          date: new Date(Date.UTC(2025, 0, 1 + i)),
          status: "present",
        },
      });
    const teacher = await openAs(
      suite.browser,
      "teacher",
      world.teacher.email,
      `/courses/${world.course.id}`,
    );
    suite.people.push(teacher);
    const { page } = teacher;
    await page.setViewportSize(PHONE);
    const input = page.getByLabel(`Score for ${world.enrolled.name}, Quiz`);
    const inputBox = (await input.boundingBox())!;
    expect(inputBox.width).toBeGreaterThanOrEqual(64);
    await input.fill("999");
    await input.press("Enter");
    await page.getByTestId("score-error").filter({ hasText: "The score stays 85" }).waitFor();
    expect(await input.inputValue()).toBe("85");
    expect((await testDb().score.findUniqueOrThrow({ where: { id: score.id } })).score).toBe(85);

    const record = page.locator("section").filter({ hasText: "Attendance record" });
    const countRows = () => record.locator("tbody tr").count();
    await page.getByTestId("load-more-attendance").waitFor();
    expect(await countRows()).toBe(20);
    await page.getByTestId("load-more-attendance").click();
    await page.getByTestId("load-more-attendance").waitFor({ state: "detached" });
    expect(await countRows()).toBe(25);
  });
});
