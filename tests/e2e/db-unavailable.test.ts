// Pages while PostgreSQL cannot be reached (contract §10), in Chromium: a web server of its own
// reaches the test database through a TCP relay that the test cuts and restores. A full page load
// gets the proxy's 503 page (accessible, under the page's CSP: captureFailure fails on any
// violation), a client-side navigation lands on it too, a server action ends in the error
// boundary saying "temporarily unavailable", and pages render again once the database is back,
// without restarting the app.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getFreePort } from "../../scripts/lib/ports";
import { startWebServer, type WebServer } from "../../scripts/lib/web";
import { startTcpProxy, type TcpProxy } from "../faults/tcp-proxy";
import { buildUser } from "../helpers/factories";
import { getStack, stackWebEnv } from "../helpers/stack";
import {
  captureFailure,
  chromiumOrSkip,
  launchBrowser,
  newPerson,
  signInAs,
  type Person,
} from "./helpers/browser";

const executable = chromiumOrSkip("pages while the database is unreachable");

const UNAVAILABLE = "LiveCampus is temporarily unavailable";

/** Asks for the page again ("Try again") until `heading` shows: the gate re-probes each second. */
async function retryUntil(page: Page, heading: string) {
  await expect
    .poll(
      async () => {
        if (await page.getByRole("heading", { name: heading }).isVisible()) return true;
        await page.getByRole("link", { name: "Try again" }).click();
        await page.waitForLoadState("load");
        return page.getByRole("heading", { name: heading }).isVisible();
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(true);
}

describe.skipIf(!executable)("pages while PostgreSQL is unreachable", () => {
  let relay: TcpProxy;
  let web: WebServer;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    const url = new URL(getStack().databaseUrl);
    relay = await startTcpProxy(Number(url.port));
    url.port = String(relay.port);
    web = await startWebServer({
      mode: "start",
      port: await getFreePort(),
      quiet: true,
      env: stackWebEnv({ databaseUrl: url.toString() }),
    });
    browser = await launchBrowser(executable!);
  }, 120_000);

  afterEach(async (context) => {
    relay?.restore();
    await captureFailure(context.task, people);
  });

  afterAll(async () => {
    for (const person of people) await person.context.close().catch(() => {});
    await browser?.close();
    await web?.stop();
    await relay?.stop();
  });

  it("a page load, a client-side navigation and a server action; then pages come back", async () => {
    const user = await buildUser({ role: "STUDENT" });
    const person = await newPerson(browser, "student", web.url);
    people.push(person);
    const { page } = person;
    await signInAs(page, user.email);
    await page.goto("/courses");
    await page.getByRole("heading", { name: "Courses" }).waitFor();

    // A full page load: the 503 page, accessible, under the page's CSP.
    relay.cut();
    const response = await page.goto("/courses");
    expect(response?.status()).toBe(503);
    expect(response?.headers()["retry-after"]).toBe("5");
    await page.getByRole("heading", { name: UNAVAILABLE }).waitFor();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
    expect(await page.content()).not.toMatch(/ECONN|prisma|postgres|127\.0\.0\.1/i);

    relay.restore();
    await retryUntil(page, "Courses");

    // A client-side navigation: its RSC fetch gets the 503, the router loads the page in full.
    relay.cut();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Dashboard" })
      .click();
    await page.getByRole("heading", { name: UNAVAILABLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/student");

    relay.restore();
    await retryUntil(page, `Welcome back, ${user.name}`);

    // A server action (sign out) of a page rendered before: the error boundary asks the health
    // endpoint and says the service is unavailable, not "something went wrong".
    relay.cut();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: UNAVAILABLE }).waitFor();

    relay.restore();
    await page.getByRole("button", { name: "Try again" }).click();
    await retryUntil(page, `Welcome back, ${user.name}`);
  });
});
