// What the per-request revocation check costs (docs/api.md, "Revocation"): a cache hit,
// a miss (one database round trip), and how fast a NOTIFY reaches another process's cache. The
// figures are printed; the assertions are only that the mechanism works.
import { afterAll, describe, expect, it } from "vitest";
import { UserStateCache, type UserState } from "../../web/server/revocation/cache";
import { USER_STATE_CHANNEL, UserStateListener } from "../../web/server/revocation/listener";
import { buildUser, testDb } from "../helpers/factories";
import { getStack } from "../helpers/stack";
import { waitUntil } from "../helpers/wait";

const select = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  sessionVersion: true,
  locale: true,
};
const load = (id: string): Promise<UserState | null> =>
  testDb().user.findUnique({ where: { id }, select });

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

let listener: UserStateListener | undefined;

afterAll(async () => {
  await listener?.stop();
});

describe("the revocation check's cost", () => {
  it("measures a cache hit and a cache miss", async () => {
    const user = await buildUser();
    const cache = new UserStateCache(load);
    cache.setListening(true);
    expect((await cache.get(user.id))?.id).toBe(user.id);

    const hits = 1_000_000;
    let started = process.hrtime.bigint();
    for (let i = 0; i < hits; i++) await cache.get(user.id);
    const hitNs = Number(process.hrtime.bigint() - started) / hits;

    const misses: number[] = [];
    for (let i = 0; i < 300; i++) {
      cache.invalidate([user.id]);
      started = process.hrtime.bigint();
      await cache.get(user.id);
      misses.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    misses.sort((a, b) => a - b);
    console.log(
      `[measure] user-state check: hit ${hitNs.toFixed(0)} ns/op (${hits} gets); ` +
        `miss (one PostgreSQL round trip) p50 ${percentile(misses, 50).toFixed(2)} ms, ` +
        `p99 ${percentile(misses, 99).toFixed(2)} ms (${misses.length} misses)`,
    );
    expect(hitNs).toBeGreaterThan(0);
  });

  it("measures how fast a committed NOTIFY empties another process's entry", async () => {
    const user = await buildUser();
    let invalidatedAt = 0;
    const cache = new UserStateCache(load);
    const target = {
      invalidate(ids: Iterable<string>) {
        const list = [...ids];
        if (list.includes(user.id)) invalidatedAt = performance.now();
        cache.invalidate(list);
      },
      setListening: (up: boolean) => cache.setListening(up),
    };
    listener = new UserStateListener(getStack().databaseUrl, target, { warn: () => {} });
    listener.start();
    await waitUntil(() => cache.isListening, "the listener to connect");
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      await cache.get(user.id);
      invalidatedAt = 0;
      const sent = performance.now();
      await testDb().$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: `Renamed ${i}` } });
        await tx.$executeRaw`SELECT pg_notify(${USER_STATE_CHANNEL}, ${user.id})`;
      });
      await waitUntil(() => invalidatedAt > 0, "the NOTIFY", { timeout: 5000, interval: 1 });
      times.push(invalidatedAt - sent);
      expect((await cache.get(user.id))?.name).toBe(`Renamed ${i}`);
    }
    times.sort((a, b) => a - b);
    console.log(
      `[measure] commit → NOTIFY → other process's cache entry dropped: p50 ` +
        `${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms ` +
        `(${times.length} changes; includes the commit)`,
    );
  });
});
