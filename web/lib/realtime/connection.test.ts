import type Pusher from "pusher-js";
import { describe, expect, it, vi } from "vitest";
import { RealtimeConnection } from "./connection";

// Only the connection's state binding is touched by the constructor; de-duplication is ours.
const idlePusher = () =>
  ({
    connection: { state: "initialized", bind: () => {}, unbind: () => {} },
    disconnect: () => {},
  }) as unknown as Pusher;

describe("RealtimeConnection.firstDelivery", () => {
  it("reports new vs seen eventIds, per listener", () => {
    const connection = new RealtimeConnection(idlePusher(), { dedupeCapacity: 3 });
    expect(connection.firstDelivery("a", "e1")).toBe(true);
    expect(connection.firstDelivery("a", "e1")).toBe(false);
    expect(connection.firstDelivery("b", "e1")).toBe(true);
  });

  it("forgets the oldest beyond its capacity, refreshing repeated ids", () => {
    const connection = new RealtimeConnection(idlePusher(), { dedupeCapacity: 2 });
    connection.firstDelivery("l", "a");
    connection.firstDelivery("l", "b");
    connection.firstDelivery("l", "a"); // a is now freshest
    connection.firstDelivery("l", "c"); // evicts b
    expect(connection.firstDelivery("l", "a")).toBe(false);
    expect(connection.firstDelivery("l", "c")).toBe(false);
    expect(connection.firstDelivery("l", "b")).toBe(true);
  });

  it("rejects a bad capacity", () => {
    expect(() => new RealtimeConnection(idlePusher(), { dedupeCapacity: 0 })).toThrow(TypeError);
  });
});

describe("RealtimeConnection streams", () => {
  type Global = (event: string, data: unknown) => void;
  function fakePusher() {
    const globals = new Map<string, Global>();
    const subscribe = vi.fn((name: string) => ({
      name,
      subscribed: false,
      bind_global: (callback: Global) => globals.set(name, callback),
      unbind_global: () => globals.delete(name),
    }));
    const pusher = {
      connection: { state: "connected", bind: () => {}, unbind: () => {} },
      subscribe,
      unsubscribe: vi.fn(),
      disconnect: () => {},
    } as unknown as Pusher;
    return {
      pusher,
      subscribe,
      emit: (name: string, e: string, d: unknown) => globals.get(name)!(e, d),
    };
  }

  it("delivers live events to bound listeners, ignoring pusher's own events", () => {
    const { pusher, emit } = fakePusher();
    const connection = new RealtimeConnection(pusher);
    connection.acquire("private-user-a");
    const got: unknown[] = [];
    const unbind = connection.bindEvent("private-user-a", "new-notification", (d) => got.push(d));
    emit("private-user-a", "new-notification", { eventId: "e1" });
    emit("private-user-a", "pusher:member_added", { eventId: "x" });
    emit("private-user-a", "dashboard-update", { eventId: "e2" });
    unbind();
    emit("private-user-a", "new-notification", { eventId: "e3" });
    expect(got).toEqual([{ eventId: "e1" }]);
    expect(connection.cursorOf("private-user-a")).toBe("e3");
  });

  it("asks again for a subscription whose authorization failed transiently, not for a 403", () => {
    vi.useFakeTimers();
    try {
      const { pusher, subscribe, emit } = fakePusher();
      const connection = new RealtimeConnection(pusher, { fetchMissed: null });
      connection.acquire("private-user-a");
      connection.acquire("private-user-b");
      emit("private-user-a", "pusher:subscription_error", { type: "AuthError", status: 503 });
      emit("private-user-b", "pusher:subscription_error", { type: "AuthError", status: 403 });
      vi.advanceTimersByTime(5000);
      expect(subscribe.mock.calls.map(([name]) => name)).toEqual([
        "private-user-a",
        "private-user-b",
        "private-user-a",
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
