import type Pusher from "pusher-js";
import { describe, expect, it } from "vitest";
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
