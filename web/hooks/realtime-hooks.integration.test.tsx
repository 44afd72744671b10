// @vitest-environment jsdom
// The provider and hooks in React (jsdom) against a real Soketi with real pusher-js. Auth is
// signed locally with the app secret (customHandler) instead of calling the Next route.
import type { UserIdentity } from "@/lib/domain";
import { act, cleanup, render, waitFor as rtlWaitFor } from "@testing-library/react";
import Pusher from "pusher-js";
import { useMemo, useState, type ReactNode } from "react";
import useSWR, { SWRConfig } from "swr";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RealtimeProvider, useRealtime } from "@/components/realtime/realtime-provider";
import { channels, realtimeMessages } from "@/lib/realtime";
import type { RealtimeConnection } from "@/lib/realtime/connection";
import { testCuid } from "@/lib/realtime/test-ids";
import { createRealtimeService, type RealtimeService } from "@/server/realtime/publisher";
import {
  clientConfigFor,
  connectedSockets,
  localAuthFor,
  serverFor,
  startTestSoketi,
  waitFor,
  type TestSoketi,
} from "@/server/realtime/testing";
import { useAttendanceEvents } from "./use-attendance-events";
import { useChannelEvent } from "./use-channel-event";
import { useConnectionState } from "./use-connection-state";
import { useDashboardUpdates } from "./use-dashboard-updates";
import { useNewEnrollments } from "./use-new-enrollments";
import { useNotifications } from "./use-notifications";
import { usePaymentEvents } from "./use-payment-events";
import { usePresence } from "./use-presence";
import { usePublicAnnouncements } from "./use-public-announcements";
import { useScoreEvents } from "./use-score-events";

let soketi: TestSoketi;
let service: RealtimeService;

beforeAll(async () => {
  soketi = await startTestSoketi();
  service = createRealtimeService({
    pusher: serverFor(soketi),
    logger: { warn: () => {}, error: () => {} },
  });
});
afterEach(() => cleanup());
afterAll(async () => {
  await soketi?.stop();
});

const student = (name = "Stu Dent"): UserIdentity => ({ id: testCuid(), role: "STUDENT", name });
const teacher = (name = "Tea Cher"): UserIdentity => ({ id: testCuid(), role: "TEACHER", name });

/** Soketi's view of a channel (HTTP API), to see real subscribe/unsubscribe. */
async function occupied(channel: string): Promise<boolean> {
  const res = await serverFor(soketi).get({ path: `/channels/${channel}` });
  return ((await res.json()) as { occupied: boolean }).occupied;
}

/** Captures the provider's connection for assertions. */
const probe: { connection: RealtimeConnection | null } = { connection: null };
function Probe() {
  probe.connection = useRealtime().connection;
  return null;
}

/** One browser tab: SWR cache, provider with locally signed auth, a probe. */
function Tab({
  user,
  children,
  onReconnect,
}: {
  user: UserIdentity | null;
  children?: ReactNode;
  onReconnect?: () => void;
}) {
  const config = useMemo(() => clientConfigFor(soketi), []);
  const auth = useMemo(() => (user ? localAuthFor(soketi, user) : undefined), [user]);
  return (
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <RealtimeProvider config={config} user={user} authHandlers={auth} onReconnect={onReconnect}>
        <Probe />
        {children}
      </RealtimeProvider>
    </SWRConfig>
  );
}

async function connectedTab(ui: ReactNode) {
  const view = render(ui);
  await waitFor(() => probe.connection?.getState() === "connected", "the provider to connect");
  return view;
}

/** Waits until every channel the connection holds is subscribed on Soketi's side. */
async function allSubscribed() {
  await waitFor(() => {
    const c = probe.connection;
    if (!c) return false;
    return c.heldChannels().every((name) => c.pusher.channel(name)?.subscribed);
  }, "all subscriptions to succeed");
}

type Log = { who: string; event: string; channel?: string; eventId?: string }[];

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
    await waitFor(() => probe.connection!.pusher.user.user_data?.id === user.id, "signin");
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
    const messages = [
      realtimeMessages.dashboardUpdate({ role: "TEACHER", id: user.id }, "enrollments"),
      realtimeMessages.statsUpdate({ role: "TEACHER", id: user.id }, { courses: 2 }),
      realtimeMessages.notification(user.id, {
        id: testCuid(),
        title: "Hello",
        message: "there",
        type: "info",
      }),
      realtimeMessages.paymentReceived(user.id, payment),
      realtimeMessages.paymentApproved(user.id, { ...payment, status: "COMPLETED" }),
      realtimeMessages.newScore(user.id, score),
      realtimeMessages.scoreUpdate(user.id, score),
      realtimeMessages.attendanceMarked(user.id, {
        attendanceId: testCuid(),
        courseId: courseA,
        courseTitle: "Algebra",
        date: "2026-11-26",
        status: "late",
      }),
      realtimeMessages.newEnrollment(courseB, user.id, {
        enrollmentId: testCuid(),
        courseName: "B",
        studentId: testCuid(),
        studentName: "Ada",
      }),
      realtimeMessages.newAnnouncement({
        id: testCuid(),
        title: "Maintenance",
        message: "Tonight",
      }),
    ];
    // One publish per message, all at once, as independent requests would.
    const results = await Promise.all(messages.map((message) => service.publish([message])));
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
    await waitFor(
      async () => (await connectedSockets(soketi)) === socketsBefore,
      "the socket to close on unmount",
    );
  });

  it("keeps the others receiving when one hook unmounts; unsubscribes with the last one", async () => {
    const user = student();
    const channel = channels.user(user.id);
    const log: Log = [];
    function Listener({ who }: { who: string }) {
      useChannelEvent(channel, "dashboard-update", (p) =>
        log.push({ who, event: p.scope, eventId: p.eventId }),
      );
      return null;
    }
    function Page() {
      const [shown, setShown] = useState({ a: true, b: true, c: true });
      probeToggle.set = setShown;
      return (
        <>
          {shown.a && <Listener who="a" />}
          {shown.b && <Listener who="b" />}
          {shown.c && <Listener who="c" />}
        </>
      );
    }
    const probeToggle: { set?: (s: { a: boolean; b: boolean; c: boolean }) => void } = {};
    await connectedTab(
      <Tab user={user}>
        <Page />
      </Tab>,
    );
    await allSubscribed();
    expect(probe.connection!.refCount(channel)).toBe(3);
    expect(await occupied(channel)).toBe(true);

    await service.publish([realtimeMessages.dashboardUpdate(user.id, "scores")]);
    await rtlWaitFor(() => expect(log.map((l) => l.who).sort()).toEqual(["a", "b", "c"]));

    act(() => probeToggle.set!({ a: false, b: true, c: true }));
    expect(probe.connection!.refCount(channel)).toBe(2);
    await service.publish([realtimeMessages.dashboardUpdate(user.id, "payments")]);
    await rtlWaitFor(() =>
      expect(
        log
          .filter((l) => l.event === "payments")
          .map((l) => l.who)
          .sort(),
      ).toEqual(["b", "c"]),
    );
    expect(await occupied(channel)).toBe(true);

    act(() => probeToggle.set!({ a: false, b: false, c: false }));
    expect(probe.connection!.refCount(channel)).toBe(0);
    await waitFor(async () => !(await occupied(channel)), "Soketi to see the channel vacated");

    // Re-acquiring after a full release subscribes afresh.
    act(() => probeToggle.set!({ a: true, b: false, c: false }));
    await allSubscribed();
    await service.publish([realtimeMessages.dashboardUpdate(user.id, "attendance")]);
    await rtlWaitFor(() =>
      expect(log.filter((l) => l.event === "attendance").map((l) => l.who)).toEqual(["a"]),
    );
  });

  it("delivers the same eventId once per handler (retries, and one event on two channels)", async () => {
    const user = teacher();
    const log: Log = [];
    function A() {
      useDashboardUpdates(user.id, (u) =>
        log.push({ who: "A", event: u.event, eventId: u.payload.eventId }),
      );
      return null;
    }
    function B() {
      useChannelEvent(channels.user(user.id), "dashboard-update", (p) =>
        log.push({ who: "B", event: "x", eventId: p.eventId }),
      );
      return null;
    }
    await connectedTab(
      <Tab user={user}>
        <A />
        <B />
      </Tab>,
    );
    await allSubscribed();

    // A publisher retry: the same message twice.
    const retry = {
      channels: [channels.user(user.id)],
      event: "dashboard-update" as const,
      payload: { scope: "all" as const },
      eventId: "retry-1",
    };
    expect((await service.publish([retry])).ok).toBe(true);
    expect((await service.publish([retry])).ok).toBe(true);
    // One event to both channels A listens on (user + teacher dashboard) in one trigger.
    expect(
      (
        await service.publish([
          {
            channels: [channels.user(user.id), channels.teacherDashboard(user.id)],
            event: "dashboard-update",
            payload: { scope: "enrollments" },
            eventId: "fanout-1",
          },
        ])
      ).ok,
    ).toBe(true);
    // A marker after everything: once it arrived, every earlier frame has been processed.
    await service.publish([{ ...retry, eventId: "marker" }]);
    await rtlWaitFor(() => expect(log.filter((l) => l.eventId === "marker")).toHaveLength(2));

    const ids = (who: string) => log.filter((l) => l.who === who).map((l) => l.eventId);
    expect(ids("A")).toEqual(["retry-1", "fanout-1", "marker"]);
    expect(ids("B")).toEqual(["retry-1", "fanout-1", "marker"]);
  });

  it("drops payloads that do not match the catalog, with a warning", async () => {
    const user = student();
    const log: Log = [];
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      function Scores() {
        useScoreEvents(user.id, (s) =>
          log.push({ who: "scores", event: String(s.score), eventId: s.eventId }),
        );
        return null;
      }
      await connectedTab(
        <Tab user={user}>
          <Scores />
        </Tab>,
      );
      await allSubscribed();
      // Straight through the SDK, bypassing the publisher's validation.
      const raw = serverFor(soketi);
      await raw.trigger(channels.user(user.id), "new-score", {
        scoreId: "nope",
        score: "ten",
        eventId: "bad-1",
      });
      await raw.trigger(channels.user(user.id), "new-score", "not even an object");
      const good = {
        scoreId: testCuid(),
        courseId: testCuid(),
        courseTitle: "A",
        score: 10,
        maxScore: 10,
      };
      await service.publish([{ ...realtimeMessages.newScore(user.id, good), eventId: "good-1" }]);
      await rtlWaitFor(() => expect(log).toHaveLength(1));
      expect(log[0]).toMatchObject({ eventId: "good-1", event: "10" });
      expect(warn.mock.calls.filter(([m]) => String(m).includes("dropped new-score"))).toHaveLength(
        2,
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("shows presence members joining and leaving, self included", async () => {
    const courseId = testCuid();
    const presence = channels.presenceCourse(courseId);
    const alice = teacher("Alice");
    const bob = student("Bob");
    const seen: Record<string, string> = {};
    function Members({ who }: { who: string }) {
      const members = usePresence(presence);
      seen[who] = members.map((m) => `${m.name}:${m.role}${m.isMe ? "*" : ""}`).join(",");
      return null;
    }
    // Two tabs = two providers = two connections (one per tab).
    await connectedTab(
      <Tab user={alice}>
        <Members who="alice" />
      </Tab>,
    );
    await rtlWaitFor(() => expect(seen.alice).toBe("Alice:TEACHER*"));
    const bobTab = render(
      <Tab user={bob}>
        <Members who="bob" />
      </Tab>,
    );
    await rtlWaitFor(() => {
      expect(seen.bob).toBe("Alice:TEACHER,Bob:STUDENT*");
      expect(seen.alice).toBe("Alice:TEACHER*,Bob:STUDENT");
    });
    bobTab.unmount();
    await rtlWaitFor(() => expect(seen.alice).toBe("Alice:TEACHER*"), { timeout: 5000 });
  });

  it("revalidates SWR and calls onReconnect after a reconnect; events flow again", async () => {
    const user = student();
    let fetches = 0;
    const reconnects = vi.fn();
    const log: Log = [];
    function Data() {
      useSWR("/test/data", async () => ++fetches);
      useChannelEvent(channels.user(user.id), "dashboard-update", (p) =>
        log.push({ who: "x", event: p.scope }),
      );
      return null;
    }
    await connectedTab(
      <Tab user={user} onReconnect={reconnects}>
        <Data />
      </Tab>,
    );
    await allSubscribed();
    await rtlWaitFor(() => expect(fetches).toBe(1));
    const connection = probe.connection!;
    const states: string[] = [];
    connection.subscribeState(() => states.push(connection.getState()));

    // Drop the WebSocket under pusher-js, as a network hiccup would.
    const internals = connection.pusher.connection as unknown as {
      connection?: { transport?: { socket?: { close(): void } } };
    };
    internals.connection!.transport!.socket!.close();
    await waitFor(() => states.at(-1) === "connected", "pusher-js to reconnect", 15_000);
    expect(states[0]).not.toBe("connected");
    await allSubscribed();

    await rtlWaitFor(() => expect(fetches).toBe(2));
    expect(reconnects).toHaveBeenCalledTimes(1);
    await service.publish([realtimeMessages.dashboardUpdate(user.id, "courses")]);
    await rtlWaitFor(() => expect(log.map((l) => l.event)).toEqual(["courses"]));
  });

  it("reconnects anonymously on sign-out: public events still arrive, private ones stop", async () => {
    const user = student();
    const log: Log = [];
    function Page() {
      useChannelEvent(channels.user(user.id), "dashboard-update", (p) =>
        log.push({ who: "private", event: p.scope }),
      );
      const { announcements } = usePublicAnnouncements();
      log.push({ who: "render", event: announcements.map((a) => a.title).join(",") });
      return null;
    }
    const socketsBefore = await connectedSockets(soketi);
    const view = await connectedTab(
      <Tab user={user}>
        <Page />
      </Tab>,
    );
    await allSubscribed();
    const signedIn = probe.connection!;

    view.rerender(
      <Tab user={null}>
        <Page />
      </Tab>,
    );
    await waitFor(
      () =>
        probe.connection &&
        probe.connection !== signedIn &&
        probe.connection.getState() === "connected",
      "the anonymous connection",
    );
    expect(signedIn.getState()).toBe("disconnected");
    expect(signedIn.pusher.connection.state).toBe("disconnected");
    await allSubscribed();
    expect(probe.connection!.heldChannels()).toEqual([channels.publicAnnouncements()]);
    await waitFor(
      async () => (await connectedSockets(soketi)) === socketsBefore + 1,
      "exactly one socket for the tab",
    );

    await service.publish([realtimeMessages.dashboardUpdate(user.id, "all")]);
    await service.publish([
      realtimeMessages.newAnnouncement({ id: testCuid(), title: "Public", message: "hi" }),
    ]);
    await rtlWaitFor(() =>
      expect(log.some((l) => l.who === "render" && l.event === "Public")).toBe(true),
    );
    expect(log.filter((l) => l.who === "private")).toEqual([]);
  });
});
