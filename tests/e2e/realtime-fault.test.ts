// (f) The realtime server goes away while a student's dashboard is open: the indicator leaves
// "connected"; an admin approves the student's payment meanwhile (API); Soketi comes back on the
// SAME port; without a reload the student gets the notification (live toast, or the bell/inbox
// revalidated after the reconnect) and the indicator is connected again. Runs on a private stack
// (own database, Soketi and web server) so stopping Soketi disturbs no other test.
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime";
import { TEST_PASSWORD } from "../helpers/factories";
import { Session } from "../helpers/http";
import {
  bellCount,
  captureFailure,
  chromiumOrSkip,
  launchBrowser,
  liveSocketsInPage,
  openAs,
  recordToastTime,
  screenshot,
  stopwatch,
  toast,
  toastSeenAt,
  waitForBellAbove,
  waitForConnection,
  type Person,
} from "./helpers/browser";
import { startIsolatedStack, type IsolatedStack } from "./helpers/isolated-stack";
import { waitUntil } from "../helpers/wait";

const executable = chromiumOrSkip("realtime fault");
/** The client reconnects with jittered back-off; the outbox re-sends with back-off too. */
const RECOVERY_TIMEOUT_MS = 45_000;

describe.skipIf(!executable)("Soketi restarts while a dashboard is open", () => {
  let browser: Browser;
  let stack: IsolatedStack;
  let student: Person | undefined;

  beforeAll(async () => {
    const watch = stopwatch("(f) private stack start (database, Soketi, next start)");
    stack = await startIsolatedStack("fault");
    watch.report();
    browser = await launchBrowser(executable!);
  }, 180_000);
  afterEach(async ({ task }) => {
    await captureFailure(task, student ? [student] : []);
  });
  afterAll(async () => {
    await student?.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
  });

  it("(f) the student sees the approval made while Soketi was down, and is connected again", async () => {
    const { db } = stack;
    const passwordHash = bcrypt.hashSync(TEST_PASSWORD, 4);
    const [adminUser, teacher, studentUser] = await Promise.all(
      (["ADMIN", "TEACHER", "STUDENT"] as const).map((role) =>
        db.user.create({
          data: {
            role,
            name: `Fault ${role.toLowerCase()}`,
            email: `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@fault.test`,
            passwordHash,
          },
        }),
      ),
    );
    const course = await db.course.create({
      data: {
        teacherId: teacher!.id,
        title: "Resilience 101",
        description: "Staying up when things go down.",
      },
    });
    await db.enrollment.create({ data: { studentId: studentUser!.id, courseId: course.id } });
    const payment = await db.payment.create({
      data: { studentId: studentUser!.id, courseId: course.id, amountCents: 12_000 },
    });

    const watch = stopwatch("(f) Soketi down → approve → Soketi back → student sees it");
    student = await openAs(browser, "student", studentUser!.email, "/student", {
      baseUrl: stack.webUrl,
    });
    await student.waitForSubscription(channels.user(studentUser!.id));
    const { page } = student;
    const status = page.getByTestId(`payment-status-${payment.id}`);
    expect(await status.textContent()).toBe("pending");
    const bellBefore = await bellCount(page);
    const socketsBefore = student.sockets.length;
    await recordToastTime(page, "Payment approved");

    // 1. Soketi goes away: the indicator leaves "connected".
    const downAt = Date.now();
    await stack.stopSoketi();
    await waitForConnection(page, /^(reconnecting|offline)$/, RECOVERY_TIMEOUT_MS);
    const indicatorDownMs = Date.now() - downAt;
    const stateWhileDown = await page
      .getByTestId("connection-indicator")
      .getAttribute("data-state");
    await screenshot(page, "f-student-offline");

    // 2. An admin approves meanwhile, through the API of our web server: the request succeeds
    //    (the event waits in the outbox; nothing awaits Soketi inside the request).
    const admin = new Session(stack.webUrl);
    expect(await admin.signIn(adminUser!.email, TEST_PASSWORD)).toBe(true);
    const approved = await admin.post(`/api/payments/${payment.id}/approve`, {});
    expect(approved.status).toBe(200);

    // 3. Soketi comes back on the same port.
    const upAt = Date.now();
    await stack.startSoketi();
    const soketiStartMs = Date.now() - upAt;

    // 4. Without reloading: connected again, and the approval is visible.
    await waitForConnection(page, "connected", RECOVERY_TIMEOUT_MS);
    const reconnectMs = Date.now() - upAt;
    await status.filter({ hasText: /^completed$/ }).waitFor({ timeout: RECOVERY_TIMEOUT_MS });
    const statusMs = Date.now() - upAt;
    const toastShown = toast(page, "Payment approved");
    let how = "";
    await waitUntil(
      async () => {
        if ((await toastShown.count()) > 0) how = "toast";
        else if ((await bellCount(page)) > bellBefore) how = "bell";
        return how !== "";
      },
      "the approval notification (toast or bell)",
      { timeout: RECOVERY_TIMEOUT_MS, interval: 100 },
    );
    const notifiedMs = Date.now() - upAt;
    // The bell is revalidated after the reconnect whatever happened to the live event.
    const bellAfter = await waitForBellAbove(page, bellBefore, RECOVERY_TIMEOUT_MS);
    // The live event: the outbox re-sends it once Soketi is back. If that happened after the page
    // had re-subscribed, the toast must show; if before, the event was missed live (nobody was
    // subscribed) and the revalidated bell above is what the student gets.
    const userChannel = channels.user(studentUser!.id);
    let sentAt = 0;
    await waitUntil(
      async () => {
        const row = await db.outboxEvent.findFirst({
          where: { event: "new-notification", channels: { has: userChannel } },
        });
        sentAt = row?.sentAt?.getTime() ?? 0;
        return sentAt > 0;
      },
      "the outbox to deliver new-notification",
      { timeout: 90_000, interval: 250 },
    );
    const resubscribed = student.frames.find(
      (f) =>
        f.at >= upAt &&
        f.channel === userChannel &&
        f.event === "pusher_internal:subscription_succeeded",
    );
    // Either way the student gets the toast: live if the re-send came after the re-subscription,
    // otherwise from the stored list revalidated after the reconnect (NotificationToast toasts
    // unread notifications the tab has not seen).
    const toastAt = await toastSeenAt(page, "Payment approved", RECOVERY_TIMEOUT_MS);
    const liveEvent = resubscribed
      ? `outbox delivered it ${Math.abs(sentAt - resubscribed.at)} ms ${sentAt >= resubscribed.at ? "after" : "before"} the page re-subscribed`
      : "page did not re-subscribe";
    await screenshot(page, "f-student-recovered");

    // The page was never reloaded: the same document opened a new socket by itself (pusher-js
    // reconnecting), and only that one is open.
    expect(student.sockets.length).toBeGreaterThan(socketsBefore);
    expect(student.documentSockets().length).toBeGreaterThanOrEqual(2);
    expect(await liveSocketsInPage(page), student.describeSockets()).toBe(1);
    const outbox = await db.outboxEvent.findMany({ where: { event: "new-notification" } });
    // The reconnect controller's budget: one socket per attempt, a handful across the restart.
    const socketsOpened = student.sockets.length - socketsBefore;
    watch.report(
      `toast ${toastAt - upAt} ms after Soketi was back; the tab opened ${socketsOpened} sockets from the stop to recovery; ` +
        `indicator ${stateWhileDown} ${indicatorDownMs} ms after the stop; Soketi restart ${soketiStartMs} ms; ` +
        `after restart: connected ${reconnectMs} ms, status completed ${statusMs} ms, first sign (${how}) ${notifiedMs} ms, ` +
        `bell ${bellBefore} → ${bellAfter}, toast ${toastAt - upAt} ms; ` +
        `${liveEvent}; outbox new-notification attempts: ${outbox.map((o) => o.attempts).join(",")}; ` +
        `sockets: ${student.describeSockets()}`,
    );
  }, 180_000);
});
