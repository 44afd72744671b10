// Every page of every role (and the signed-out ones) at a phone size (390×844) and a desktop
// size (1280×800), in real Chromium on a private stack seeded with the demo data: axe-core finds
// no serious or critical violation, and no page is wider than its viewport (also checked at the
// narrowest supported width, 360 px). Prints one line per page with its counts.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD_DEFAULT } from "../../prisma/seed/demo-data";
import { Session } from "../helpers/http";
import {
  chromiumOrSkip,
  launchBrowser,
  openAs,
  PHONE_VIEWPORT,
  signInAs,
  toast,
  UI_TIMEOUT_MS,
} from "./helpers/browser";
import { startIsolatedStack, type IsolatedStack } from "./helpers/isolated-stack";

const executable = chromiumOrSkip("accessibility");

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
const NARROWEST = { width: 360, height: 740 };

type Finding = {
  page: string;
  size: string;
  rule: string;
  impact: string;
  nodes: number;
  /** The first few offending elements (CSS selectors), to find them. */
  targets: string[];
};

/** Serious and critical axe findings on the page as it is now, one per rule. */
async function axeFindings(page: Page, label: string, size: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      page: label,
      size,
      rule: v.id,
      impact: v.impact!,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
}

/**
 * How far the document is wider than the viewport, in CSS pixels (0 when it fits), and the
 * innermost elements that reach past its right edge (to find the culprit).
 */
async function overflow(page: Page): Promise<{ by: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const by = root.scrollWidth - root.clientWidth;
    if (by <= 0) return { by: 0, culprits: [] };
    const past = Array.from(document.body.querySelectorAll("*")).filter(
      (el) => el.getBoundingClientRect().right > root.clientWidth + 0.5,
    );
    const innermost = past.filter(
      (el) => !past.some((other) => other !== el && el.contains(other)),
    );
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""}` +
      `${typeof el.className === "string" && el.className ? `.${el.className.split(/\s+/).slice(0, 3).join(".")}` : ""}`;
    return { by, culprits: innermost.slice(0, 3).map(name) };
  });
}

describe.skipIf(!executable)("accessibility and layout of every page", () => {
  let stack: IsolatedStack;
  let browser: Browser;
  const findings: Finding[] = [];
  const overflows: string[] = [];

  beforeAll(async () => {
    stack = await startIsolatedStack("a11y");
    await seedDemo(stack.db, { password: DEMO_PASSWORD_DEFAULT });
    browser = await launchBrowser(executable!);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Visits each path signed in as `email` (or signed out) at both sizes and at 360 px. */
  async function audit(who: string, email: string | undefined, paths: string[]) {
    for (const size of SIZES) {
      const context = await browser.newContext({
        baseURL: stack.webUrl,
        viewport: { width: size.width, height: size.height },
        locale: "en-US",
      });
      context.setDefaultTimeout(UI_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(60_000);
      const page = await context.newPage();
      try {
        if (email) await signInAs(page, email, DEMO_PASSWORD_DEFAULT);
        for (const pathname of paths) {
          await page.goto(pathname);
          await page.waitForLoadState("networkidle");
          const label = `${who} ${pathname}`;
          const found = await axeFindings(page, label, size.name);
          findings.push(...found);
          const { by: wider, culprits } = await overflow(page);
          if (wider > 0)
            overflows.push(
              `${label} at ${size.width} px: ${wider} px too wide (${culprits.join(", ")})`,
            );
          if (size.name === "phone") {
            await page.setViewportSize(NARROWEST);
            const narrow = await overflow(page);
            if (narrow.by > 0)
              overflows.push(
                `${label} at ${NARROWEST.width} px: ${narrow.by} px too wide (${narrow.culprits.join(", ")})`,
              );
            await page.setViewportSize({ width: size.width, height: size.height });
          }
          const nodes = found.reduce((sum, f) => sum + f.nodes, 0);
          console.log(
            `[a11y] ${label} (${size.name}): ${found.length} serious/critical rules, ${nodes} nodes` +
              (found.length
                ? ` — ${found.map((f) => `${f.rule}×${f.nodes} (${f.targets.join(" | ")})`).join(", ")}`
                : "") +
              (wider > 0 ? `; ${wider} px wider than the viewport` : ""),
          );
        }
      } finally {
        await context.close();
      }
    }
  }

  it("finds 0 serious or critical violations and no page wider than the viewport", async () => {
    const algebra = await stack.db.course.findFirstOrThrow({ where: { title: "Algebra I" } });
    const shared = ["/courses", `/courses/${algebra.id}`, "/notifications", "/account/password"];

    // A one-time setup link, as an admin creates it for an account without a password.
    const adminApi = new Session(stack.webUrl);
    expect(await adminApi.signIn(DEMO_ACCOUNTS.admin.email, DEMO_PASSWORD_DEFAULT)).toBe(true);
    const created = await adminApi.post("/api/admin/users", {
      email: "new.person@livecampus.test",
      name: "New Person",
      role: "STUDENT",
    });
    expect(created.status).toBe(201);
    const setupPath = new URL((created.body as { setupUrl: string }).setupUrl).pathname;

    await audit("signed-out", undefined, ["/sign-in", setupPath, "/no-such-page"]);
    await audit("student", DEMO_ACCOUNTS.student.email, ["/student", ...shared]);
    await audit("teacher", DEMO_ACCOUNTS.teacher.email, ["/teacher", ...shared]);
    await audit("admin", DEMO_ACCOUNTS.admin.email, [
      "/admin",
      "/admin/users",
      "/admin/courses",
      ...shared,
    ]);

    const nodes = findings.reduce((sum, f) => sum + f.nodes, 0);
    console.log(
      `[a11y] total: ${findings.length} serious/critical rule findings, ${nodes} nodes; ` +
        `${overflows.length} pages wider than the viewport`,
    );
    expect(findings).toEqual([]);
    expect(overflows).toEqual([]);
  }, 600_000);

  it("by keyboard: the skip link comes first, the page is marked in the menu, Escape closes the menu and a toast", async () => {
    const sam = await stack.db.user.findUniqueOrThrow({
      where: { email: DEMO_ACCOUNTS.student.email },
    });
    const algebra = await stack.db.course.findFirstOrThrow({ where: { title: "Algebra I" } });
    const person = await openAs(browser, "student", sam.email, "/courses", {
      baseUrl: stack.webUrl,
      password: DEMO_PASSWORD_DEFAULT,
      viewport: PHONE_VIEWPORT,
    });
    const { page } = person;
    try {
      // The first Tab stop is the skip link; following it moves focus to the main content.
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to main content" });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "main");

      // The folded menu opens from its button and marks the current page.
      const menu = page.getByRole("button", { name: "Menu" });
      await menu.click();
      const nav = page.getByRole("navigation", { name: "Main" });
      const current = nav.locator('[aria-current="page"]');
      await current.waitFor();
      expect(await current.textContent()).toBe("Courses");
      await page.keyboard.press("Escape");
      await nav.waitFor({ state: "hidden" });
      expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

      // A live toast (a new score from the teacher) goes away with Escape.
      const teacherApi = new Session(stack.webUrl);
      expect(await teacherApi.signIn(DEMO_ACCOUNTS.teacher.email, DEMO_PASSWORD_DEFAULT)).toBe(
        true,
      );
      const scored = await teacherApi.post("/api/scores", {
        studentId: sam.id,
        courseId: algebra.id,
        score: 9,
        maxScore: 10,
        title: "Keyboard quiz",
      });
      expect(scored.status).toBe(201);
      const shown = toast(page, "New score");
      await shown.waitFor();
      await page.keyboard.press("Escape");
      await shown.waitFor({ state: "detached" });
    } finally {
      await person.close();
    }
  });
});
