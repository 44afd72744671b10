// The publisher against a real Soketi, observed by real pusher-js subscribers: how messages
// become HTTP calls (counted) and what each channel receives, in order.
import { beforeAll, describe, expect, it } from "vitest";
import {
  channels,
  realtimeMessages,
  type RealtimeMessage,
  type UntypedRealtimeMessage,
} from "@/lib/realtime";
import { testCuid } from "../../../tests/helpers/ids";
import { createRealtimeService, type PusherPublisher, type RealtimeLogger } from "./publisher";
import {
  serverFor,
  soketiMetric,
  startTestSoketi,
  type TestSoketi,
} from "../../../tests/helpers/soketi";
import { createSubscriber } from "../../../tests/helpers/realtime";
import { waitUntil } from "../../../tests/helpers/wait";

let soketi: TestSoketi;
beforeAll(async () => {
  soketi = await startTestSoketi();
  return () => soketi.stop();
});

/** A real SDK instance whose calls are counted (each call is one HTTP request). */
function countingPusher() {
  const real = serverFor(soketi);
  const calls: { method: "trigger" | "triggerBatch"; channels: string[]; events: number }[] = [];
  const pusher: PusherPublisher = {
    trigger: (channel: string | string[], event: string, data: unknown) => {
      calls.push({ method: "trigger", channels: [channel].flat(), events: 1 });
      return real.trigger(channel, event, data);
    },
    triggerBatch: (batch) => {
      calls.push({
        method: "triggerBatch",
        channels: batch.map((b) => b.channel),
        events: batch.length,
      });
      return real.triggerBatch(batch);
    },
  };
  return { pusher, calls };
}

const silent: RealtimeLogger = { warn: () => {}, error: () => {} };
const admin = () => ({ id: testCuid(), role: "ADMIN" as const, name: "Admin" });

describe("publisher against Soketi: calls and order", () => {
  it("sends one event to several channels in one trigger call", async () => {
    const courseId = testCuid();
    const teacherId = testCuid();
    const subscriber = createSubscriber(soketi, admin());
    try {
      const names = [
        channels.courseEnrollments(courseId),
        channels.teacherDashboard(teacherId),
        channels.adminDashboard(),
      ];
      await Promise.all(names.map((n) => subscriber.subscribe(n)));
      const { pusher, calls } = countingPusher();
      const service = createRealtimeService({ pusher, logger: silent });
      const httpBefore = await soketiMetric(soketi, "soketi_http_calls_received_total");

      const result = await service.publish([
        realtimeMessages.newEnrollment(courseId, teacherId, {
          enrollmentId: testCuid(),
          courseName: "Algebra",
          studentId: testCuid(),
          studentName: "Ada",
        }),
      ]);

      expect(result).toMatchObject({ ok: true, requests: 1 });
      expect(calls).toEqual([{ method: "trigger", channels: names, events: 1 }]);
      await waitUntil(() => subscriber.received.length === 3, "the event on all three channels");
      const eventIds = new Set(
        subscriber.received.map((r) => (r.data as { eventId: string }).eventId),
      );
      expect(eventIds.size).toBe(1);
      expect(result.ok && result.published[0]?.eventId).toBe([...eventIds][0]);
      expect(subscriber.received.map((r) => r.event)).toEqual([
        "new-enrollment",
        "new-enrollment",
        "new-enrollment",
      ]);
      const payload = subscriber.received[0]!.data as Record<string, unknown>;
      expect(payload).toMatchObject({ courseId, courseName: "Algebra", studentName: "Ada" });
      expect(typeof payload.occurredAt).toBe("string");
      // Soketi saw exactly one HTTP API call (the metric counts every API request it served).
      expect((await soketiMetric(soketi, "soketi_http_calls_received_total")) - httpBefore).toBe(1);
    } finally {
      subscriber.disconnect();
    }
  });

  it("batches single-channel events: 23 events in 3 triggerBatch calls (≤ 10 each)", async () => {
    const userIds = Array.from({ length: 23 }, () => testCuid());
    const subscriber = createSubscriber(soketi, admin());
    try {
      // An admin may not subscribe to other users' channels through the auth route, but this
      // subscriber signs locally: it only observes delivery.
      await Promise.all(userIds.map((id) => subscriber.subscribe(channels.user(id))));
      const { pusher, calls } = countingPusher();
      const service = createRealtimeService({ pusher, logger: silent });
      const messages: RealtimeMessage[] = userIds.map((id, i) => ({
        channels: [channels.user(id)],
        event: "dashboard-update",
        payload: { scope: "all" },
        eventId: `batch-${i}`,
      }));
      const result = await service.publish(messages);
      expect(result).toMatchObject({ ok: true, requests: 3 });
      expect(calls.map((c) => [c.method, c.events])).toEqual([
        ["triggerBatch", 10],
        ["triggerBatch", 10],
        ["triggerBatch", 3],
      ]);
      await waitUntil(() => subscriber.received.length === 23, "23 events");
      for (const [i, id] of userIds.entries()) {
        const got = subscriber.eventsOn(channels.user(id));
        expect(got).toHaveLength(1);
        expect(got[0]!.data).toMatchObject({ eventId: `batch-${i}`, scope: "all" });
      }
    } finally {
      subscriber.disconnect();
    }
  });

  it("rejects oversized and invalid payloads before sending; nothing reaches a subscriber", async () => {
    const userId = testCuid();
    const channel = channels.user(userId);
    const subscriber = createSubscriber(soketi, admin());
    try {
      await subscriber.subscribe(channel);
      await subscriber.subscribe(channels.adminDashboard());
      const { pusher, calls } = countingPusher();
      const service = createRealtimeService({ pusher, logger: silent });
      const big: Record<string, string> = {};
      for (let i = 0; i < 30; i++) big[`k${i}`] = "x".repeat(400); // ~12 KB
      const bad: UntypedRealtimeMessage[] = [
        { channels: [channels.adminDashboard()], event: "stats-update", payload: { stats: big } },
        {
          channels: [channel],
          event: "new-notification",
          payload: { id: testCuid(), title: "t", message: "m", type: "fatal" },
        },
        {
          channels: [channel],
          event: "new-announcement",
          payload: {
            id: testCuid(),
            title: "t",
            message: "m",
            timestamp: new Date().toISOString(),
          },
        },
        { channels: ["private-user-1x"], event: "dashboard-update", payload: { scope: "all" } },
        { channels: [channel], event: "client-hack", payload: {} },
      ];
      const result = await service.publishRaw(bad);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failed.map((f) => [f.index, f.reason, f.retryable])).toEqual([
        [0, "too-large", false],
        [1, "invalid-payload", false],
        [2, "channel-not-allowed", false],
        [3, "invalid-channel", false],
        [4, "unknown-event", false],
      ]);
      expect(result.requests).toBe(0);
      expect(calls).toHaveLength(0);

      // A valid marker sent afterwards is the first and only thing each channel received.
      const marker = await service.publish([
        {
          channels: [channel, channels.adminDashboard()],
          event: "dashboard-update",
          payload: { scope: "all" },
          eventId: "marker",
        },
      ]);
      expect(marker.ok).toBe(true);
      await waitUntil(() => subscriber.received.length >= 2, "the marker");
      await new Promise((r) => setTimeout(r, 100));
      expect(subscriber.received.map((r) => (r.data as { eventId: string }).eventId)).toEqual([
        "marker",
        "marker",
      ]);
    } finally {
      subscriber.disconnect();
    }
  });

  it("keeps each channel's order across multi-channel triggers and batches", async () => {
    const student = testCuid();
    const user = channels.user(student);
    const dash = channels.adminDashboard();
    const other = channels.user(testCuid());
    const subscriber = createSubscriber(soketi, admin());
    try {
      await Promise.all([user, dash, other].map((n) => subscriber.subscribe(n)));
      const { pusher, calls } = countingPusher();
      const service = createRealtimeService({ pusher, logger: silent });
      // As one approval's outbox rows: a 2-channel event between single-channel ones, twice.
      const rows: [string[], string][] = [
        [[dash], "d1"],
        [[user, dash], "m1"],
        [[user], "u1"],
        [[dash], "d2"],
        [[other], "o1"],
        [[user, dash], "m2"],
        [[dash], "d3"],
        [[user], "u2"],
      ];
      const result = await service.publish(
        rows.map(([names, eventId]) => ({
          channels: names,
          event: "dashboard-update",
          payload: { scope: "all" },
          eventId,
        })),
      );
      expect(result.ok).toBe(true);
      await waitUntil(() => subscriber.received.length === 10, "ten deliveries");
      const order = (name: string) =>
        subscriber.eventsOn(name).map((r) => (r.data as { eventId: string }).eventId);
      expect(order(dash)).toEqual(["d1", "m1", "d2", "m2", "d3"]);
      expect(order(user)).toEqual(["m1", "u1", "m2", "u2"]);
      expect(order(other)).toEqual(["o1"]);
      expect(calls.length).toBeLessThan(rows.length); // still batched where order allows
    } finally {
      subscriber.disconnect();
    }
  });
});
