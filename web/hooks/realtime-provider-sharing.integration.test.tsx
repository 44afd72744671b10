// @vitest-environment jsdom
// Realtime hooks in React (jsdom) against a real Soketi with real pusher-js, set up by
// realtime-hooks.harness.tsx: one connection shared by every hook, each event delivered to its hook.
import { waitFor as rtlWaitFor } from "@testing-library/react";
import Pusher from "pusher-js";
import { describe, expect, it } from "vitest";
import { channels, realtimeMessages } from "@/lib/realtime";
import { testCuid } from "../../tests/helpers/ids";
import { connectedSockets } from "../../tests/helpers/soketi";
import { waitUntil } from "../../tests/helpers/wait";
import {
  allSubscribed,
  connectedTab,
  probe,
  service,
  setupSoketi,
  soketi,
  Tab,
  teacher,
  type Log,
} from "../../tests/helpers/realtime-hooks";
import { useAttendanceEvents } from "./use-attendance-events";
import { useConnectionState } from "./use-connection-state";
import { useDashboardUpdates } from "./use-dashboard-updates";
import { useNewEnrollments } from "./use-new-enrollments";
import { useNotifications } from "./use-notifications";
import { usePaymentEvents } from "./use-payment-events";
import { usePresence } from "./use-presence";
import { usePublicAnnouncements } from "./use-public-announcements";
import { useScoreEvents } from "./use-score-events";

setupSoketi();

describe("RealtimeProvider + hooks against Soketi", () => {
  it("shares ONE connection among all hooks and delivers each event to the right hook", async () => {
    const user = teacher();
    const courseA = testCuid();
    const courseB = testCuid();
    const log: Log = [];
    const socketsBefore = await connectedSockets(soketi);
    const instancesBefore = Pusher.instances.length;

    function Everything() {
      useDashboardUpdates(user.id, (u) =>
        log.push({ who: "dashboard", event: u.event, channel: u.channel }),
      );
      const { notifications } = useNotifications(user.id);
      usePaymentEvents(
        user.id,
        (p) => log.push({ who: "payments", event: "received", eventId: p.eventId }),
        (p) => log.push({ who: "payments", event: "approved", eventId: p.eventId }),
      );
      useScoreEvents(user.id, (_s, meta) => log.push({ who: "scores", event: meta.event }));
      useAttendanceEvents(user.id, (a) => log.push({ who: "attendance", event: a.status }));
      useNewEnrollments([courseA, courseB], (e) =>
        log.push({ who: "enrollments", event: e.courseId }),
      );
      const { announcements } = usePublicAnnouncements();
      const members = usePresence(channels.presenceCourse(courseA));
      const state = useConnectionState();
      return (
        <ul>
          <li data-testid="notifications">{notifications.map((n) => n.title).join(",")}</li>
          <li data-testid="announcements">{announcements.map((a) => a.title).join(",")}</li>
          <li data-testid="members">
            {members.map((m) => `${m.name}${m.isMe ? "*" : ""}`).join(",")}
          </li>
          <li data-testid="state">{state}</li>
        </ul>
      );
    }

    const view = await connectedTab(
      <Tab user={user}>
        <Everything />
      </Tab>,
    );
    await allSubscribed();

    expect(Pusher.instances.length - instancesBefore).toBe(1);
    expect((await connectedSockets(soketi)) - socketsBefore).toBe(1);
    expect(probe.connection!.heldChannels().sort()).toEqual(
      [
        channels.user(user.id),
        channels.teacherDashboard(user.id),
        channels.courseEnrollments(courseA),
        channels.courseEnrollments(courseB),
        channels.publicAnnouncements(),
        channels.presenceCourse(courseA),
      ].sort(),
    );
    // The user channel is held once per hook binding, not subscribed once per hook.
    expect(probe.connection!.refCount(channels.user(user.id))).toBeGreaterThan(3);
    // Signed in (pusher:signin) as the session user.
    await waitUntil(() => probe.connection!.pusher.user.user_data?.id === user.id, "signin");
    await rtlWaitFor(() => expect(view.getByTestId("state").textContent).toBe("connected"));
    await rtlWaitFor(() => expect(view.getByTestId("members").textContent).toBe(`${user.name}*`));

    const payment = {
      paymentId: testCuid(),
      courseId: courseA,
      courseTitle: "Algebra",
      amountCents: 5000,
      status: "PENDING" as const,
    };
    const score = {
      scoreId: testCuid(),
      courseId: courseA,
      courseTitle: "Algebra",
      score: 7,
      maxScore: 10,
    };
    const results = await Promise.all([
      service.publish([
        realtimeMessages.dashboardUpdate({ role: "TEACHER", id: user.id }, "enrollments"),
      ]),
      service.publish([
        realtimeMessages.statsUpdate({ role: "TEACHER", id: user.id }, { courses: 2 }),
      ]),
      service.publish([
        realtimeMessages.notification(user.id, {
          id: testCuid(),
          title: "Hello",
          message: "there",
          type: "info",
        }),
      ]),
      service.publish([realtimeMessages.paymentReceived(user.id, payment)]),
      service.publish([
        realtimeMessages.paymentApproved(user.id, { ...payment, status: "COMPLETED" }),
      ]),
      service.publish([realtimeMessages.newScore(user.id, score)]),
      service.publish([realtimeMessages.scoreUpdate(user.id, score)]),
      service.publish([
        realtimeMessages.attendanceMarked(user.id, {
          attendanceId: testCuid(),
          courseId: courseA,
          courseTitle: "Algebra",
          date: "2026-11-26",
          status: "late",
        }),
      ]),
      service.publish([
        realtimeMessages.newEnrollment(courseB, user.id, {
          enrollmentId: testCuid(),
          courseName: "B",
          studentId: testCuid(),
          studentName: "Ada",
        }),
      ]),
      service.publish([
        realtimeMessages.newAnnouncement({
          id: testCuid(),
          title: "Maintenance",
          message: "Tonight",
        }),
      ]),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);

    await rtlWaitFor(() => {
      expect(view.getByTestId("notifications").textContent).toBe("Hello");
      expect(view.getByTestId("announcements").textContent).toBe("Maintenance");
      expect(log).toHaveLength(8);
    });
    expect(log.map((l) => `${l.who}:${l.event}`).sort()).toEqual([
      "attendance:late",
      "dashboard:dashboard-update",
      "dashboard:stats-update",
      `enrollments:${courseB}`,
      "payments:approved",
      "payments:received",
      "scores:new-score",
      "scores:score-update",
    ]);
    // Nothing more trickles in (e.g. new-enrollment on the teacher dashboard: no hook listens there).
    await new Promise((r) => setTimeout(r, 100));
    expect(log).toHaveLength(8);

    view.unmount();
    await waitUntil(
      async () => (await connectedSockets(soketi)) === socketsBefore,
      "the socket to close on unmount",
    );
  });
});
