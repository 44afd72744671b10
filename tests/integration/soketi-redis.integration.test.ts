// Several Soketi nodes on one Redis (the compose stack's scaling mode): an event published to
// one node reaches subscribers on the other, and presence is shared. Real redis-server.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { channels, realtimeMessages } from "@/lib/realtime";
import { createRealtimeService } from "@/server/realtime/publisher";
import { testCuid } from "../helpers/ids";
import { createSubscriber } from "../helpers/realtime";
import { serverFor } from "../helpers/soketi";
import { getFreePort } from "../../scripts/lib/ports";
import { startSoketi, type SoketiHandle } from "../../scripts/lib/soketi";
import { findSystemTool } from "../../scripts/lib/system-tools";
import { exited } from "../../scripts/lib/children";

const redisServer = findSystemTool(["redis-server"]);
if (!redisServer) {
  const message =
    "redis-server is not installed: the multi-node Soketi tests need it (apt-get install redis-server)";
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n⚠️  SKIPPING Soketi-on-Redis tests: ${message}\n`);
}

describe.skipIf(!redisServer)("two Soketi nodes on one Redis", () => {
  let redis: ChildProcess;
  let nodeA: SoketiHandle;
  let nodeB: SoketiHandle;
  const credentials = {
    appId: "redis-test",
    key: "redis-test-key",
    secret: "redis-test-secret-0123456789",
  };

  beforeAll(async () => {
    const redisPort = await getFreePort();
    redis = spawn(
      redisServer!,
      ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: "ignore",
      },
    );
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    // Redis accepts connections within milliseconds; Soketi retries its connection anyway.
    const startNode = async () =>
      startSoketi({
        port: await getFreePort(),
        metricsPort: await getFreePort(),
        redisUrl,
        quiet: true,
        ...credentials,
      });
    [nodeA, nodeB] = await Promise.all([startNode(), startNode()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    if (redis) {
      redis.kill("SIGTERM");
      await exited(redis);
    }
  });

  it("delivers an event published on node B to a subscriber on node A", async () => {
    const userId = testCuid();
    const subscriber = createSubscriber(nodeA, { id: userId, role: "STUDENT", name: "Sam" });
    try {
      await subscriber.subscribe(channels.user(userId));
      const service = createRealtimeService({ pusher: serverFor(nodeB) });
      const result = await service.publish([
        { ...realtimeMessages.dashboardUpdate(userId, "payments"), eventId: "cross-node-1" },
      ]);
      expect(result.ok).toBe(true);
      const event = await vi.waitUntil(() => subscriber.eventsOn(channels.user(userId))[0], {
        timeout: 10_000,
      });
      expect(event).toMatchObject({
        event: "dashboard-update",
        data: { scope: "payments", eventId: "cross-node-1" },
      });
    } finally {
      subscriber.disconnect();
    }
  });

  it("shares presence: members on different nodes see each other", async () => {
    const courseId = testCuid();
    const name = channels.presenceCourse(courseId);
    const ada = createSubscriber(nodeA, { id: testCuid(), role: "STUDENT", name: "Ada" });
    const bob = createSubscriber(nodeB, { id: testCuid(), role: "TEACHER", name: "Bob" });
    try {
      await ada.subscribe(name);
      const bobChannel = (await bob.subscribe(name)) as unknown as { members: { count: number } };
      const adaChannel = ada.pusher.channel(name) as unknown as { members: { count: number } };
      // Both members on both nodes, then Bob's departure seen on node A.
      await vi.waitUntil(() => adaChannel.members.count === 2 && bobChannel.members.count === 2, {
        timeout: 10_000,
      });
      bob.disconnect();
      await vi.waitUntil(() => adaChannel.members.count === 1, { timeout: 10_000 });
    } finally {
      ada.disconnect();
      bob.disconnect();
    }
  });
});
