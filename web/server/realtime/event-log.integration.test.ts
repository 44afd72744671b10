// The event log's order on the real PostgreSQL (docs/realtime.md, "Delivery guarantee"): places
// follow the order rows were published in, and concurrent markers commit them in order, so a
// reader never sees a place while a smaller one is still to come (the gap a client resuming
// "after N" would fall into).
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../../../tests/helpers/factories";
import { testCuid } from "../../../tests/helpers/ids";
import { getStack } from "../../../tests/helpers/stack";
import { cursorPosition, markPublished, pruneEventLog } from "./event-log";

beforeAll(() => {
  // The app's database client reads its environment on first use.
  process.env.DATABASE_URL = getStack().databaseUrl;
});

async function unsentRows(count: number) {
  const channel = `private-user-${testCuid()}`;
  const base = Date.now();
  await testDb().outboxEvent.createMany({
    data: Array.from({ length: count }, (_, n) => ({
      channels: [channel],
      event: "dashboard-update",
      payload: { scope: "all" },
      createdAt: new Date(base + n),
      // Far in the future: the app's dispatcher leaves them alone.
      nextAttemptAt: new Date(base + 86_400_000),
    })),
  });
  const rows = await testDb().outboxEvent.findMany({
    where: { channels: { has: channel } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

async function placesOf(ids: string[]): Promise<Map<string, bigint>> {
  const rows = await testDb().outboxEvent.findMany({
    where: { id: { in: ids }, seq: { not: null } },
    select: { id: true, seq: true },
  });
  return new Map(rows.map((r) => [r.id, r.seq!]));
}

describe("markPublished", () => {
  it("places rows in the order given, whatever order they were written in", async () => {
    const ids = await unsentRows(5);
    const order = [ids[3]!, ids[0]!, ids[4]!, ids[1]!, ids[2]!];
    await markPublished(order);
    const places = await placesOf(ids);
    const seqs = order.map((id) => places.get(id)!);
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
    const sent = await testDb().outboxEvent.findMany({ where: { id: { in: ids } } });
    for (const row of sent) expect(row.sentAt).not.toBeNull();
  });

  it("commits places in order across concurrent markers: every snapshot is a prefix", async () => {
    const ids = await unsentRows(300);
    const groups = Array.from({ length: 30 }, (_, g) => ids.slice(g * 10, g * 10 + 10));
    const snapshots: bigint[][] = [];
    let done = false;
    const reader = (async () => {
      while (!done) snapshots.push([...(await placesOf(ids)).values()]);
    })();
    // Six markers at once (the app's pool holds ten connections), each marking group after group.
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < groups.length) await markPublished(groups[next++]!);
      }),
    );
    done = true;
    await reader;

    const final = await placesOf(ids);
    expect(final.size).toBe(300);
    expect(new Set(final.values()).size).toBe(300);
    for (const group of groups) {
      const seqs = group.map((id) => final.get(id)!);
      expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
    }
    const all = [...final.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let gaps = 0;
    for (const seen of snapshots) {
      if (seen.length === 0) continue;
      const max = seen.reduce((a, b) => (b > a ? b : a));
      const below = all.filter((seq) => seq <= max).length;
      if (below !== seen.length) gaps += 1;
    }
    console.log(
      `[event-log] ${snapshots.length} snapshots read while 6 concurrent markers placed 30 groups of 10 rows; ${gaps} with a gap`,
    );
    expect(snapshots.length).toBeGreaterThan(1);
    expect(gaps).toBe(0);
  });
});

describe("cursorPosition", () => {
  it("is gone for an unknown id, pending before publication, published after", async () => {
    expect(await cursorPosition(testCuid())).toEqual({ kind: "gone" });
    const [id] = await unsentRows(1);
    expect(await cursorPosition(id!)).toEqual({
      kind: "pending",
      channels: [expect.stringMatching(/^private-user-/)],
    });
    await markPublished([id!]);
    const place = (await placesOf([id!])).get(id!)!;
    expect(await cursorPosition(id!)).toEqual({ kind: "published", seq: place });
  });

  it("is gone once older than the retention, and pruning removes such rows only", async () => {
    const [old, recent] = await unsentRows(2);
    await markPublished([old!, recent!]);
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await testDb().outboxEvent.update({ where: { id: old! }, data: { sentAt: eightDaysAgo } });
    expect(await cursorPosition(old!)).toEqual({ kind: "gone" });
    expect((await cursorPosition(recent!)).kind).toBe("published");
    expect(await pruneEventLog()).toBeGreaterThanOrEqual(1);
    expect(await testDb().outboxEvent.findUnique({ where: { id: old! } })).toBeNull();
    expect(await testDb().outboxEvent.findUnique({ where: { id: recent! } })).not.toBeNull();
  });
});
