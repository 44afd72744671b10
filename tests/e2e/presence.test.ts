// (c) Presence on a course page: two students see "2 viewing"; when one closes the page the other
// sees "1 viewing", without reloading.
import { describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime";
import { buildCourseWorld, buildEnrollment, buildUser } from "../helpers/factories";
import { chromiumOrSkip, openAs, screenshot, stopwatch, suiteBrowser } from "./helpers/browser";

const executable = chromiumOrSkip("presence");

describe.skipIf(!executable)("who is viewing a course page", () => {
  const suite = suiteBrowser(executable!);
  const people = suite.people;

  it("(c) two students on one course page show 2 viewing; one leaves and the other shows 1 viewing", async () => {
    const { course, enrolled: first } = await buildCourseWorld();
    const second = await buildUser({ role: "STUDENT" });
    await buildEnrollment(second.id, course.id);
    const presence = channels.presenceCourse(course.id);

    const watch = stopwatch("(c) presence: join, both see 2, one leaves, 1 left");
    const a = await openAs(suite.browser, "first student", first.email, `/courses/${course.id}`);
    people.push(a);
    await a.waitForSubscription(presence);
    await a.page
      .getByTestId("viewer-count")
      .filter({ hasText: /^1 viewing$/ })
      .waitFor();

    const b = await openAs(suite.browser, "second student", second.email, `/courses/${course.id}`);
    people.push(b);
    for (const view of [a, b]) {
      await view.page
        .getByTestId("viewer-count")
        .filter({ hasText: /^2 viewing$/ })
        .waitFor();
    }
    // Each sees the other's name among the avatars (title = name, "(you)" for oneself).
    expect(
      await a.page.locator(`[data-testid="course-viewers"] [title="${second.name}"]`).count(),
    ).toBe(1);
    expect(
      await b.page.locator(`[data-testid="course-viewers"] [title="${first.name}"]`).count(),
    ).toBe(1);
    await screenshot(a.page, "c-two-viewing");

    await b.page.close();
    await a.page
      .getByTestId("viewer-count")
      .filter({ hasText: /^1 viewing$/ })
      .waitFor();
    expect(
      await a.page.locator(`[data-testid="course-viewers"] [title="${second.name}"]`).count(),
    ).toBe(0);
    watch.report();
  });
});
