// Screenshots (1280×800) of the three dashboards and a live toast, and of the phone layout
// (390×844: each dashboard, the folded header menu opened), on a private stack seeded with
// the demo data (readable names instead of the shared test database's generated ones). Always
// into test-results/screenshots/; into docs/screenshots/ when missing there or with
// LIVECAMPUS_DOCS_SCREENSHOTS=1 (refresh the docs: `LIVECAMPUS_DOCS_SCREENSHOTS=1 pnpm test -- tests/e2e/screenshots`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime";
import { seedDemo } from "../../prisma/seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD_DEFAULT } from "../../prisma/seed/demo-data";
import { Session } from "../helpers/http";
import {
  chromiumOrSkip,
  openAs,
  PHONE_VIEWPORT,
  screenshot,
  stopwatch,
  suiteBrowser,
  toast,
} from "./helpers/browser";
import { startIsolatedStack, type IsolatedStack } from "./helpers/isolated-stack";
import { confirmDialog, pendingApprove } from "./helpers/admin";

const executable = chromiumOrSkip("docs screenshots");

describe.skipIf(!executable)("docs screenshots", () => {
  let stack: IsolatedStack;

  // Registered before suiteBrowser's hooks: the stack starts before the browser and stops last.
  beforeAll(async () => {
    stack = await startIsolatedStack("docs");
    await seedDemo(stack.db, { password: DEMO_PASSWORD_DEFAULT });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });
  const suite = suiteBrowser(executable!);
  const people = suite.people;

  it("captures the student, teacher and admin dashboards and a notification toast", async () => {
    const watch = stopwatch("screenshots: three dashboards and a toast");
    const open = async (label: string, email: string, pathname: string) => {
      const person = await openAs(suite.browser, label, email, pathname, {
        baseUrl: stack.webUrl,
        password: DEMO_PASSWORD_DEFAULT,
      });
      people.push(person);
      await person.page.waitForLoadState("networkidle");
      return person;
    };
    const students = await stack.db.user.findMany({ where: { role: "STUDENT" } });
    const sam = students.find((u) => u.email === DEMO_ACCOUNTS.student.email)!;
    const history = await stack.db.course.findFirstOrThrow({ where: { title: "World History" } });

    // Sam submits a payment, so the admin has two to review and Sam one to wait for.
    const samApi = new Session(stack.webUrl);
    expect(await samApi.signIn(sam.email, DEMO_PASSWORD_DEFAULT)).toBe(true);
    const submitted = await samApi.post("/api/payments", {
      courseId: history.id,
      amountCents: 8_500,
    });
    expect(submitted.status).toBe(201);
    const paymentId = (submitted.body as { id: string }).id;

    const student = await open("student", sam.email, "/student");
    await student.waitForSubscription(channels.user(sam.id));
    await student.page.getByTestId(`payment-status-${paymentId}`).waitFor();
    const written = await screenshot(student.page, "student-dashboard", { docs: true });

    const teacher = await open("teacher", DEMO_ACCOUNTS.teacher.email, "/teacher");
    await teacher.page.getByTestId("enrollment-feed-item").first().waitFor();
    written.push(...(await screenshot(teacher.page, "teacher-dashboard", { docs: true })));

    const admin = await open("admin", DEMO_ACCOUNTS.admin.email, "/admin");
    await admin.page.getByTestId("online-now").locator("li, p").first().waitFor();
    const approve = await pendingApprove(admin.page, paymentId);
    written.push(...(await screenshot(admin.page, "admin-dashboard", { docs: true })));

    await approve.click();
    await confirmDialog(admin.page, "Approve payment");
    const shown = toast(student.page, "Payment approved");
    await shown.waitFor();
    await student.page
      .locator('[data-sonner-toast][data-mounted="true"]')
      .filter({ hasText: "Payment approved" })
      .waitFor();
    await student.page
      .getByTestId(`payment-status-${paymentId}`)
      .filter({ hasText: /^completed$/ })
      .waitFor();
    written.push(...(await screenshot(student.page, "toast", { docs: true })));

    console.log(`[e2e] screenshots written: ${written.join(", ")}`);
    watch.report();
  });

  it("captures the phone layout: each dashboard and the header menu opened", async () => {
    const watch = stopwatch("screenshots: phone layout");
    const written: string[] = [];
    const homes = [
      ["student", DEMO_ACCOUNTS.student.email, "/student"],
      ["teacher", DEMO_ACCOUNTS.teacher.email, "/teacher"],
      ["admin", DEMO_ACCOUNTS.admin.email, "/admin"],
    ] as const;
    for (const [role, email, home] of homes) {
      const person = await openAs(suite.browser, `${role} phone`, email, home, {
        baseUrl: stack.webUrl,
        password: DEMO_PASSWORD_DEFAULT,
        viewport: PHONE_VIEWPORT,
      });
      people.push(person);
      const { page } = person;
      await page.waitForLoadState("networkidle");
      // The header fits: the menu button is on screen, the navigation folded behind it.
      const menu = page.getByRole("button", { name: "Menu" });
      await menu.waitFor();
      const nav = page.getByRole("navigation", { name: "Main" });
      expect(await nav.isVisible()).toBe(false);
      if (role === "admin") {
        // The picture shows the review queue stacked, its first Approve on screen.
        const queue = page.getByTestId("pending-payments");
        const approve = queue.locator("[data-approve]").first();
        await approve.waitFor();
        await queue.evaluate((card) => {
          card.scrollIntoView({ block: "start" });
          window.scrollBy(0, -72);
        });
        const box = (await approve.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(PHONE_VIEWPORT.height);
      }
      written.push(...(await screenshot(page, `phone-${role}-dashboard`, { docs: true })));
      if (role === "student") {
        await menu.click();
        await nav.getByRole("link", { name: "Courses" }).waitFor();
        expect(await menu.getAttribute("aria-expanded")).toBe("true");
        written.push(...(await screenshot(page, "phone-menu", { docs: true })));
        await page.keyboard.press("Escape");
        await page.getByRole("button", { name: "Menu" }).waitFor();
        expect(await nav.isVisible()).toBe(false);
      }
    }
    console.log(`[e2e] phone screenshots written: ${written.join(", ")}`);
    watch.report();
  });
});
