// @vitest-environment jsdom
// Realtime hooks in React (jsdom) against a real Soketi with real pusher-js, set up by
// realtime-hooks.harness.tsx: hook lifetimes, de-duplication by eventId, payloads checked against the catalog.
import { act, waitFor as rtlWaitFor } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { channels, realtimeMessages } from "@/lib/realtime";
import { testCuid } from "../../tests/helpers/ids";
import { serverFor } from "../../tests/helpers/soketi";
import { waitUntil } from "../../tests/helpers/wait";
import {
  allSubscribed,
  connectedTab,
  occupied,
  probe,
  service,
  setupSoketi,
  soketi,
  student,
  Tab,
  teacher,
  type Log,
} from "../../tests/helpers/realtime-hooks";
import { useChannelEvent } from "./use-channel-event";
import { useDashboardUpdates } from "./use-dashboard-updates";
import { useScoreEvents } from "./use-score-events";

setupSoketi();

describe("RealtimeProvider + hooks against Soketi", () => {
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
    await waitUntil(async () => !(await occupied(channel)), "Soketi to see the channel vacated");

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
});
