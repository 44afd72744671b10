// Three Soketi nodes on one real redis-server, without Docker (the compose stack's scaling
// mode): cross-node delivery, presence across nodes, the HTTP API agreeing on every node, and a
// node killed with SIGKILL whose clients move to a survivor through a balancer. Latency
// figures (same-node vs cross-node) are printed, not asserted.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { channels } from "@/lib/realtime";
import type { SoketiHandle } from "../../scripts/lib/soketi";
import { testCuid } from "../helpers/ids";
import { createSubscriber, type RealtimeClient } from "../helpers/realtime";
import { serverFor } from "../helpers/soketi";
import {
  percentiles,
  redisServer,
  startBalancer,
  startNodes,
  startRedis,
  type Balancer,
  type Redis,
} from "./cluster";

type Members = { members: { count: number; each(fn: (m: { id: string }) => void): void } };
const memberIds = (channel: unknown) => {
  const ids: string[] = [];
  (channel as Members).members.each((m) => ids.push(m.id));
  return ids.sort();
};

describe.skipIf(!redisServer)("three Soketi nodes on one Redis", () => {
  let redis: Redis;
  let nodes: SoketiHandle[];
  let balancer: Balancer;
  const clients: RealtimeClient[] = [];
  const client = (node: Parameters<typeof createSubscriber>[0], name = "Sam") => {
    const c = createSubscriber(node, { id: testCuid(), role: "STUDENT", name });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = await startRedis();
    nodes = await startNodes(redis.url, 3);
    balancer = await startBalancer(nodes.map((n) => n.port));
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await balancer?.stop();
    await Promise.all((nodes ?? []).map((n) => n.stop()));
    await redis?.stop();
  });

  it("runs every node with its own discovery port, hellos to 127.0.0.1 only", () => {
    const ports = nodes.map((n) => n.clusterPort);
    expect(new Set(ports).size).toBe(3);
  });

  it("delivers an event published through node A to subscribers on B and C", async () => {
    const channel = channels.user(testCuid());
    const [onB, onC] = [client(nodes[1]!), client(nodes[2]!)];
    await Promise.all([onB.subscribe(channel), onC.subscribe(channel)]);
    await serverFor(nodes[0]!).trigger(channel, "dashboard-update", { eventId: "a-to-bc" });
    for (const c of [onB, onC])
      await c.waitFor(channel, "dashboard-update", (d) => d.eventId === "a-to-bc", 10_000);
  });

  it("shares presence: members on three nodes, member_added and member_removed cross nodes", async () => {
    const name = channels.presenceCourse(testCuid());
    const [a, b, c] = [client(nodes[0]!, "Ada"), client(nodes[1]!, "Bob"), client(nodes[2]!, "Cy")];
    const added: string[] = [];
    const removed: string[] = [];
    const onA = await a.subscribe(name);
    onA.bind("pusher:member_added", (m: { id: string }) => added.push(m.id));
    onA.bind("pusher:member_removed", (m: { id: string }) => removed.push(m.id));
    const onB = await b.subscribe(name);
    const onC = await c.subscribe(name);
    await vi.waitUntil(() => [onA, onB, onC].every((ch) => memberIds(ch).length === 3), {
      timeout: 10_000,
    });
    expect(memberIds(onA)).toEqual(memberIds(onC));
    // Bob (node B) and Cy (node C) joined after Ada: node A announced both.
    await vi.waitUntil(() => added.length === 2, { timeout: 10_000 });
    c.disconnect();
    await vi.waitUntil(() => removed.length === 1, { timeout: 10_000 });
    await vi.waitUntil(() => memberIds(onB).length === 2, { timeout: 10_000 });
    expect(memberIds(onA)).toEqual(memberIds(onB));
  });

  it("answers the HTTP API's channel and user queries alike on every node", async () => {
    const name = channels.presenceCourse(testCuid());
    const members = [client(nodes[0]!, "A"), client(nodes[1]!, "B"), client(nodes[2]!, "C")];
    for (const m of members) await m.subscribe(name);
    const ask = async (node: SoketiHandle, path: string, params = {}) =>
      (await serverFor(node).get({ path, params })).json() as Promise<Record<string, unknown>>;
    await vi.waitUntil(
      async () => {
        const users = await Promise.all(nodes.map((n) => ask(n, `/channels/${name}/users`)));
        return users.every((u) => (u.users as unknown[]).length === 3);
      },
      { timeout: 10_000 },
    );
    const users = await Promise.all(nodes.map((n) => ask(n, `/channels/${name}/users`)));
    const ids = users.map((u) => (u.users as { id: string }[]).map((x) => x.id).sort());
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    const info = await Promise.all(
      nodes.map((n) => ask(n, `/channels/${name}`, { info: "user_count,subscription_count" })),
    );
    for (const i of info) expect(i).toMatchObject({ occupied: true, user_count: 3 });
    const lists = await Promise.all(
      nodes.map((n) => ask(n, "/channels", { filter_by_prefix: "presence-" })),
    );
    for (const l of lists) expect(Object.keys(l.channels as object)).toContain(name);
  });

  it("measures same-node and cross-node delivery latency (printed)", async () => {
    const channel = channels.user(testCuid());
    const onA = client(nodes[0]!);
    await onA.subscribe(channel);
    const measure = async (via: SoketiHandle, label: string) => {
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const id = `${label}-${i}`;
        const sent = performance.now();
        await serverFor(via).trigger(channel, "dashboard-update", { eventId: id });
        await onA.waitFor(channel, "dashboard-update", (d) => d.eventId === id, 10_000);
        times.push(performance.now() - sent);
      }
      return percentiles(times);
    };
    const same = await measure(nodes[0]!, "same");
    const cross = await measure(nodes[1]!, "cross");
    const fmt = (p: ReturnType<typeof percentiles>) =>
      `p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms, max ${p.max.toFixed(2)} ms`;
    console.log(`\n📏 trigger → delivery, 200 sequential events each:`);
    console.log(`   same node (A → A):  ${fmt(same)}`);
    console.log(`   cross node (B → A): ${fmt(cross)}\n`);
    expect(same.p50).toBeGreaterThan(0);
  });

  // Last: it kills node C.
  it("moves the clients of a node killed with SIGKILL to a survivor; delivery continues", async () => {
    const channel = channels.user(testCuid());
    const fleet = Array.from({ length: 6 }, () =>
      client({ ...nodes[0]!, port: balancer.port }, "Fleet"),
    );
    await Promise.all(fleet.map((c) => c.subscribe(channel)));
    const dropped = new Set<RealtimeClient>();
    for (const c of fleet)
      c.pusher.connection.bind("state_change", ({ current }: { current: string }) => {
        if (current !== "connected") dropped.add(c);
      });
    const victim = nodes[2]!;
    const killedAt = performance.now();
    victim.process.kill("SIGKILL");
    // Its clients saw the socket close; pusher-js reconnects through the balancer to A or B.
    await vi.waitUntil(
      () =>
        dropped.size >= 2 &&
        fleet.every(
          (c) =>
            c.pusher.connection.state === "connected" &&
            (c.pusher.channel(channel) as unknown as { subscribed: boolean }).subscribed,
        ) &&
        victim.process.exitCode === null &&
        victim.process.signalCode === "SIGKILL",
      { timeout: 30_000, interval: 20 },
    );
    // Round robin put two of the six on each node: exactly the victim's two moved.
    expect(dropped.size).toBe(2);
    console.log(
      `\n📏 ${dropped.size} clients back on a survivor ${(performance.now() - killedAt).toFixed(0)} ms after the SIGKILL\n`,
    );
    await serverFor(nodes[0]!).trigger(channel, "dashboard-update", { eventId: "after-kill" });
    for (const c of fleet)
      await c.waitFor(channel, "dashboard-update", (d) => d.eventId === "after-kill", 10_000);
  });
});
