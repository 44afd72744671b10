// (g) One pusher-js connection per tab: a dashboard page opens exactly ONE WebSocket, and moving
// between pages client-side (header links) keeps that same socket instead of opening more.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime";
import { buildCourseWorld } from "../helpers/factories";
import {
  captureFailure,
  chromiumOrSkip,
  launchBrowser,
  liveSocketsInPage,
  newPerson,
  signInAs,
  stopwatch,
  waitForConnection,
} from "./helpers/browser";

const executable = chromiumOrSkip("one WebSocket per tab");

type Role = "student" | "teacher" | "admin";
const NAV = [
  { link: "Courses", path: "/courses", ready: "h1:has-text('Courses')" },
  { link: "Notifications", path: "/notifications", ready: "main h1" },
  { link: "Dashboard", path: null, ready: "[data-testid='connection-indicator']" },
] as const;

describe.skipIf(!executable)("WebSockets per tab", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser(executable!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("(g) each dashboard opens exactly one WebSocket and keeps it across client-side navigation", async () => {
    const world = await buildCourseWorld();
    const users: Record<Role, { email: string; id: string; home: string; channel: string }> = {
      student: {
        ...world.enrolled,
        home: "/student",
        channel: channels.studentDashboard(world.enrolled.id),
      },
      teacher: {
        ...world.teacher,
        home: "/teacher",
        channel: channels.teacherDashboard(world.teacher.id),
      },
      admin: { ...world.admin, home: "/admin", channel: channels.adminDashboard() },
    };
    const watch = stopwatch("(g) one WebSocket per dashboard tab");
    const summary: string[] = [];

    for (const [role, user] of Object.entries(users) as [Role, (typeof users)[Role]][]) {
      const person = await newPerson(browser, role);
      try {
        await signInAs(person.page, user.email);
        await person.page.waitForURL(`**${user.home}`);
        await waitForConnection(person.page);
        // After the sign-in redirect: the anonymous connection of /sign-in (if any) is gone.
        expect(await liveSocketsInPage(person.page), `${role}: open after sign-in`).toBe(1);
        const afterSignIn = person.sockets.length;

        // A full load of the dashboard: exactly one socket, once everything has subscribed.
        await person.page.goto(user.home);
        await waitForConnection(person.page);
        await person.waitForSubscription(user.channel);
        await person.waitForSubscription(channels.user(user.id));
        await person.page.waitForLoadState("networkidle");
        expect(
          person.documentSockets(),
          `${role}: sockets opened by loading ${user.home}`,
        ).toHaveLength(1);
        expect(await liveSocketsInPage(person.page), `${role}: open on ${user.home}`).toBe(1);
        const socket = person.documentSockets()[0]!;

        for (const step of NAV) {
          await person.page
            .getByRole("navigation", { name: "Main" })
            .getByRole("link", { name: step.link })
            .click();
          await person.page.waitForURL(`**${step.path ?? user.home}`);
          await person.page.locator(step.ready).first().waitFor();
          await waitForConnection(person.page);
        }
        await person.waitForSubscription(user.channel);
        await person.page.waitForLoadState("networkidle");
        expect(person.documentSockets(), `${role}: sockets after client-side navigation`).toEqual([
          socket,
        ]);
        expect(socket.isClosed(), `${role}: the dashboard's socket is still the open one`).toBe(
          false,
        );
        expect(await liveSocketsInPage(person.page), `${role}: open after navigation`).toBe(1);
        summary.push(
          `${role}: sign-in flow opened ${afterSignIn}, dashboard 1, after navigation 1`,
        );
      } catch (error) {
        await captureFailure({ name: `g-${role}`, result: { state: "fail" } }, [person]);
        throw error;
      } finally {
        await person.close();
      }
    }
    watch.report(summary.join("; "));
  });
});
