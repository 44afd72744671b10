// The admin System page in Chromium: each health part, the outbox, Soketi and presence panels,
// and the last hour's chart (recharts); a student's open course page shows up in presence. The
// page runs under the app's CSP (captureFailure fails the test on any violation).
import { describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime";
import { buildCourseWorld } from "../helpers/factories";
import { chromiumOrSkip, openAs, screenshot, suiteBrowser } from "./helpers/browser";

const executable = chromiumOrSkip("admin system page");

describe.skipIf(!executable)("admin: the System page", () => {
  const suite = suiteBrowser(executable!);

  it("shows every health part up, the outbox, presence per course and the chart", async () => {
    const world = await buildCourseWorld();
    const student = await openAs(
      suite.browser,
      "student",
      world.enrolled.email,
      `/courses/${world.course.id}`,
    );
    suite.people.push(student);
    await student.waitForSubscription(channels.presenceCourse(world.course.id));

    const admin = await openAs(suite.browser, "admin", world.admin.email, "/admin/system");
    suite.people.push(admin);
    const { page } = admin;
    for (const part of ["db", "realtime", "outbox"]) {
      await expect
        .poll(() => page.getByTestId(`health-${part}`).textContent(), { timeout: 30_000 })
        .toMatch(/: up/);
    }
    await page.getByTestId("system-outbox").waitFor();
    await expect
      .poll(
        async () =>
          (await page.getByTestId("system-presence").locator("li").allTextContents()).find((t) =>
            t.startsWith(world.course.title),
          ),
        { timeout: 30_000 },
      )
      .toMatch(/[1-9]\d*$/);
    // The stack's Soketi metrics are scraped server-side: at least these two pages' sockets.
    await expect
      .poll(
        async () =>
          Number(
            /Connections(\d+)/.exec(
              (await page.getByTestId("system-soketi").textContent()) ?? "",
            )?.[1] ?? 0,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(2);
    await page.getByTestId("system-chart").locator("svg").first().waitFor();
    await page.getByRole("link", { name: "System" }).waitFor();
    await screenshot(page, "admin-system");
  });
});
