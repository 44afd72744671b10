// @vitest-environment jsdom
// Realtime hooks in React (jsdom) against a real Soketi with real pusher-js, set up by
// realtime-hooks.harness.tsx: reconnecting after a drop and on sign-out.
import { waitFor as rtlWaitFor } from "@testing-library/react";
import useSWR from "swr";
import { describe, expect, it, vi } from "vitest";
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
  student,
  Tab,
  type Log,
} from "../../tests/helpers/realtime-hooks";
import { useChannelEvent } from "./use-channel-event";
import { usePublicAnnouncements } from "./use-public-announcements";

setupSoketi();

describe("RealtimeProvider + hooks against Soketi", () => {
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
    await waitUntil(() => states.at(-1) === "connected", "pusher-js to reconnect", {
      timeout: 15_000,
    });
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
    await waitUntil(
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
    await waitUntil(
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
