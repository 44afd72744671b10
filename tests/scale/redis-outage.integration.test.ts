// Redis stopped under three Soketi nodes (fault of the scaling mode): while it is down, an
// event published to a node still reaches that node's own subscribers; once Redis is back on
// its port, cross-node delivery resumes by itself (Soketi's ioredis clients reconnect and
// resubscribe). Real redis-server, killed with SIGKILL.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { channels } from "@/lib/realtime";
import type { SoketiHandle } from "../../scripts/lib/soketi";
import { testCuid } from "../helpers/ids";
import { createSubscriber, type RealtimeClient } from "../helpers/realtime";
import { serverFor } from "../helpers/soketi";
import { redisServer, startNodes, startRedis, type Redis } from "./cluster";

describe.skipIf(!redisServer)("Redis stopped under three Soketi nodes", () => {
  let redis: Redis;
  let nodes: SoketiHandle[];
  const clients: RealtimeClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    nodes = await startNodes(redis.url, 3);
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await Promise.all((nodes ?? []).map((n) => n.stop()));
    await redis?.stop();
  });

  it("keeps same-node delivery during the outage and resumes cross-node delivery after it", async () => {
    const channel = channels.user(testCuid());
    const subscribers = nodes.map((node) => {
      const c = createSubscriber(node, { id: testCuid(), role: "STUDENT", name: "Sam" });
      clients.push(c);
      return c;
    });
    await Promise.all(subscribers.map((c) => c.subscribe(channel)));
    const [onA, onB, onC] = subscribers as [RealtimeClient, RealtimeClient, RealtimeClient];

    // Healthy cluster: A's event reaches all three.
    await serverFor(nodes[0]!).trigger(channel, "dashboard-update", { eventId: "before" });
    for (const c of subscribers)
      await c.waitFor(channel, "dashboard-update", (d) => d.eventId === "before", 10_000);

    await redis.stop();
    // Each node still serves its own subscribers: publish on every node, each sees its own.
    for (const [i, node] of nodes.entries()) {
      await serverFor(node).trigger(channel, "dashboard-update", { eventId: `during-${i}` });
      await subscribers[i]!.waitFor(
        channel,
        "dashboard-update",
        (d) => d.eventId === `during-${i}`,
        10_000,
      );
    }
    // The sockets stayed up through the outage.
    for (const c of subscribers) expect(c.pusher.connection.state).toBe("connected");

    await redis.start();
    // Cross-node delivery comes back without restarting anything: keep publishing through A
    // until B and C receive one (the adapters reconnect on their own schedule).
    let attempt = 0;
    await vi.waitUntil(
      async () => {
        const id = `after-${attempt++}`;
        await serverFor(nodes[0]!).trigger(channel, "dashboard-update", { eventId: id });
        await new Promise((r) => setTimeout(r, 200));
        const got = (c: RealtimeClient) =>
          c.eventsOn(channel).some((e) => String(e.data.eventId).startsWith("after-"));
        return got(onB) && got(onC);
      },
      { timeout: 30_000, interval: 300 },
    );
    // And the other way round: C's event reaches A.
    await serverFor(nodes[2]!).trigger(channel, "dashboard-update", { eventId: "c-to-a" });
    await onA.waitFor(channel, "dashboard-update", (d) => d.eventId === "c-to-a", 10_000);
    expect(onC.eventsOn(channel).length).toBeGreaterThan(0);
  });
});
