// The pages in German (docs/i18n.md): a student signs in on /de/sign-in, stays on German pages
// (<html lang="de">, links and redirects under /de), and an admin's approval of their payment
// arrives live as a German toast with the amount as German writes it. A browser set to German
// gets German at /sign-in, one set to English gets English, and an unknown page answers in the
// page's language.
import { describe, expect, it } from "vitest";
import { buildCourseWorld, testDb, TEST_PASSWORD } from "../helpers/factories";
import { signedIn } from "../helpers/http";
import {
  chromiumOrSkip,
  newPerson,
  suiteBrowser,
  toast,
  waitForConnection,
} from "./helpers/browser";

const executable = chromiumOrSkip("German pages");

describe.skipIf(!executable)("German pages", () => {
  const suite = suiteBrowser(executable!);

  it("signs in on /de/sign-in and sees a live payment approval as a German toast", async () => {
    const world = await buildCourseWorld();
    const payment = await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 4990 },
    });
    // The browser itself prefers English: the path decides.
    const student = await newPerson(suite.browser, "student (de)");
    suite.people.push(student);
    const { page } = student;

    await page.goto("/de/sign-in");
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await page.getByRole("heading", { name: "LiveCampus" }).waitFor();
    await page.getByText("Melden Sie sich an, um Ihre Übersicht zu öffnen.").waitFor();
    await page.getByLabel("E-Mail").fill(world.enrolled.email);
    await page.getByLabel("Passwort", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/de/student", { timeout: 60_000 });
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await waitForConnection(page);

    const admin = await signedIn(world.admin.email, TEST_PASSWORD);
    expect((await admin.post(`/api/payments/${payment.id}/approve`, {})).status).toBe(200);
    const approved = toast(page, "Zahlung genehmigt");
    await approved.waitFor();
    // Intl puts a no-break space between the amount and the currency sign.
    expect((await approved.innerText()).replaceAll("\u00a0", " ")).toContain(
      `Ihre Zahlung von 49,90 $ für ${world.course.title} wurde genehmigt.`,
    );

    // Links keep the language: the header's notifications link goes to /de/notifications,
    // where the same notification is listed in German.
    await page.locator('a[href="/de/notifications"]').first().click();
    await page.waitForURL((url) => url.pathname === "/de/notifications");
    await page.getByText("Zahlung genehmigt").first().waitFor();

    // An unknown page answers in German once the browser has rendered it.
    await page.goto("/de/no-such-page");
    await page.getByRole("heading", { name: "Seite nicht gefunden" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("de");
  });

  it("a browser set to German gets German at /sign-in; one set to English gets English", async () => {
    const german = await newPerson(suite.browser, "visitor (de-DE)", undefined, undefined, "de-DE");
    const english = await newPerson(
      suite.browser,
      "visitor (en-US)",
      undefined,
      undefined,
      "en-US",
    );
    suite.people.push(german, english);

    await german.page.goto("/sign-in");
    expect(new URL(german.page.url()).pathname).toBe("/sign-in");
    expect(await german.page.getAttribute("html", "lang")).toBe("de");
    await german.page.getByRole("button", { name: "Anmelden" }).waitFor();

    await english.page.goto("/sign-in");
    expect(await english.page.getAttribute("html", "lang")).toBe("en");
    await english.page.getByRole("button", { name: "Sign in" }).waitFor();

    await english.page.goto("/no-such-page");
    await english.page.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(await english.page.getAttribute("html", "lang")).toBe("en");
  });
});
