// The publisher against a real Soketi: payload limits, partial failures, hold-back, bad ids.
import { beforeAll, describe, expect, it } from "vitest";
import { channels, InvalidChannelIdError, MAX_EVENT_BYTES, realtimeMessages } from "@/lib/realtime";
import { testCuid } from "../../../tests/helpers/ids";
import { createRealtimeService, type PusherPublisher, type RealtimeLogger } from "./publisher";
import { serverFor, startTestSoketi, type TestSoketi } from "../../../tests/helpers/soketi";
import { createSubscriber } from "../../../tests/helpers/realtime";
import { waitUntil } from "../../../tests/helpers/wait";

let soketi: TestSoketi;
beforeAll(async () => {
  soketi = await startTestSoketi();
  return () => soketi.stop();
});

const silent: RealtimeLogger = { warn: () => {}, error: () => {} };
const admin = () => ({ id: testCuid(), role: "ADMIN" as const, name: "Admin" });

describe("publisher against Soketi: payloads and failures", () => {
  it("delivers a payload just under 10 KB (Soketi's limit is the same)", async () => {
    const subscriber = createSubscriber(soketi, admin());
    try {
      await subscriber.subscribe(channels.adminDashboard());
      const service = createRealtimeService({ pusher: serverFor(soketi), logger: silent });
      const stats: Record<string, string> = {};
      for (let i = 0; i < 24; i++) stats[`k${i}`] = "é".repeat(200); // 24 × 400 bytes + keys
      const result = await service.publish([
        realtimeMessages.statsUpdate({ role: "ADMIN", id: testCuid() }, stats),
      ]);
      expect(result.ok).toBe(true);
      await waitUntil(() => subscriber.received.length === 1, "the large event");
      const received = subscriber.received[0];
      const bytes = Buffer.byteLength(JSON.stringify(received!.data));
      expect(bytes).toBeGreaterThan(9_600);
      expect(bytes).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    } finally {
      subscriber.disconnect();
    }
  });

  it("publishes the valid messages of a mixed list and reports the invalid one by index", async () => {
    const a = testCuid();
    const b = testCuid();
    const subscriber = createSubscriber(soketi, admin());
    try {
      await subscriber.subscribe(channels.user(a));
      await subscriber.subscribe(channels.user(b));
      const service = createRealtimeService({ pusher: serverFor(soketi), logger: silent });
      const result = await service.publishRaw([
        { channels: [channels.user(a)], event: "dashboard-update", payload: { scope: "scores" } },
        { channels: [channels.user(a)], event: "dashboard-update", payload: { scope: "nope" } },
        { channels: [channels.user(b)], event: "dashboard-update", payload: { scope: "payments" } },
      ]);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failed.map((f) => f.index)).toEqual([1]);
      expect(result.published.map((p) => p.index)).toEqual([0, 2]);
      await waitUntil(() => subscriber.received.length === 2, "two events");
      expect(subscriber.eventsOn(channels.user(a))[0]!.data).toMatchObject({ scope: "scores" });
      expect(subscriber.eventsOn(channels.user(b))[0]!.data).toMatchObject({ scope: "payments" });
    } finally {
      subscriber.disconnect();
    }
  });

  it("holds back later events on a channel whose earlier event failed (a retry cannot overtake)", async () => {
    const a = channels.user(testCuid());
    const real = serverFor(soketi);
    // The first call carrying channel `a` fails; every other call reaches Soketi.
    let failed = false;
    const failsOnce = (channelsOfCall: string[]) => {
      if (failed || !channelsOfCall.includes(a)) return false;
      failed = true;
      return true;
    };
    const refused = () =>
      Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { status: 503 }));
    const pusher: PusherPublisher = {
      trigger: (channel: string | string[], event: string, data: unknown) =>
        failsOnce([channel].flat()) ? refused() : real.trigger(channel, event, data),
      triggerBatch: (batch) =>
        failsOnce(batch.map((e) => e.channel)) ? refused() : real.triggerBatch(batch),
    };
    const service = createRealtimeService({ pusher, logger: silent });
    // Eleven events on `a`: ten in its first call (which fails), the eleventh in a second call
    // that must wait for the first and is held back with it; an unrelated event goes out.
    const onA = Array.from({ length: 11 }, (_, i) => ({
      channels: [a],
      event: "dashboard-update" as const,
      payload: { scope: "all" as const },
      eventId: `a${i}`,
    }));
    const result = await service.publish([
      ...onA,
      {
        channels: [channels.adminDashboard()],
        event: "dashboard-update",
        payload: { scope: "all" },
        eventId: "unrelated",
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failed.map((f) => [f.eventId, f.retryable])).toEqual(
      onA.map((e) => [e.eventId, true]),
    );
    expect(result.failed[0]!.error).toMatch(/ECONNREFUSED/);
    expect(result.failed[10]!.error).toMatch(/held back/);
    expect(result.published.map((p) => p.eventId)).toEqual(["unrelated"]);
  });

  it("never throws for a non-cuid id: the builder refuses it, publishRaw reports it", async () => {
    const notification = { id: testCuid(), title: "t", message: "m", type: "info" } as const;
    expect(() => realtimeMessages.notification("42", notification)).toThrow(InvalidChannelIdError);
    const service = createRealtimeService({ pusher: serverFor(soketi), logger: silent });
    const result = await service.publishRaw([
      { channels: ["private-user-42"], event: "new-notification", payload: notification },
    ]);
    expect(result).toMatchObject({
      ok: false,
      failed: [{ reason: "invalid-channel", retryable: false }],
      requests: 0,
    });
  });
});
