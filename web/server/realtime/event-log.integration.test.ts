// The event log's order on the real PostgreSQL (docs/realtime.md, "Delivery guarantee"): places
// are taken at insert under a lock the commit releases, so concurrent writers commit them in
// order and a reader never sees a place while a smaller one is still to come (the gap a client
// resuming "after N" would fall into).
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "../../../tests/helpers/factories";
import { testCuid } from "../../../tests/helpers/ids";
import { getStack } from "../../../tests/helpers/stack";
import { getDb } from "../db";
import { writeOutbox } from "@/server/outbox";
import { cursorPosition, eventsAfter, newestEventId, pruneEventLog } from "./event-log";

beforeAll(() => {
  // The app's database client reads its environment on first use.
  process.env.DATABASE_URL = getStack().databaseUrl;
});

// The rows written here are never meant to be sent: remove them, or the shared stack's health
// would count them as an outbox backlog for every later test.
const written = new Set<string>();
afterAll(async () => {
  await testDb().outboxEvent.deleteMany({ where: { channels: { hasSome: [...written] } } });
});

/**
 * One transaction writing rows with the outbox's own writer (its insert takes the log's lock),
 * then (slowly) the commit. Leased, as if this process were publishing them: the shared stack's
 * dispatcher leaves them alone for 30 s, longer than this file runs.
 */
async function writeEvents(channel: string, count: number, commitDelayMs: number) {
  written.add(channel);
  const messages = Array.from({ length: count }, () => ({
    channels: [channel],
    event: "dashboard-update" as const,
    payload: { scope: "all" as const },
  }));
  await getDb().$transaction(async (tx) => {
    await writeOutbox(tx, messages, true);
    await sleep(commitDelayMs);
  });
}

async function placesOn(channel: string): Promise<bigint[]> {
  const rows = await testDb().outboxEvent.findMany({
    where: { channels: { has: channel } },
    select: { seq: true },
  });
  return rows.map((r) => r.seq);
}

describe("places in the log", () => {
  it("are committed in order by concurrent writers: every snapshot is a prefix", async () => {
    const channel = `private-user-${testCuid()}`;
    const snapshots: bigint[][] = [];
    let done = false;
    const reader = (async () => {
      while (!done) snapshots.push(await placesOn(channel));
    })();
    // Six writers at once (the app's pool holds ten connections), five transactions each, each
    // taking a few milliseconds between its insert and its commit.
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let n = 0; n < 5; n += 1) await writeEvents(channel, 10, Math.random() * 5);
      }),
    );
    done = true;
    await reader;

    const all = (await placesOn(channel)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(all).toHaveLength(300);
    let gaps = 0;
    for (const seen of snapshots) {
      if (seen.length === 0) continue;
      const max = seen.reduce((a, b) => (b > a ? b : a));
      if (all.filter((seq) => seq <= max).length !== seen.length) gaps += 1;
    }
    console.log(
      `[event-log] ${snapshots.length} snapshots read while 6 concurrent writers committed 30 transactions of 10 rows; ${gaps} with a gap`,
    );
    expect(snapshots.length).toBeGreaterThan(1);
    expect(gaps).toBe(0);
  });

  it("serves a channel's rows after a place, unsent ones included, oldest first", async () => {
    const channel = `private-user-${testCuid()}`;
    await writeEvents(channel, 4, 0);
    const [first, ...rest] = (await placesOn(channel)).sort((a, b) => (a < b ? -1 : 1));
    const after = await eventsAfter(channel, first!, 10);
    expect(after.map((row) => row.seq)).toEqual(rest);
    expect(await eventsAfter(channel, first!, 2)).toHaveLength(2);
    expect(await newestEventId()).toEqual(expect.any(String));
  });
});

describe("cursorPosition", () => {
  it("is gone for an unknown id and known, with its place, from the commit on", async () => {
    expect(await cursorPosition(testCuid())).toEqual({ kind: "gone" });
    const channel = `private-user-${testCuid()}`;
    await writeEvents(channel, 1, 0);
    const row = await testDb().outboxEvent.findFirstOrThrow({
      where: { channels: { has: channel } },
    });
    expect(row.sentAt).toBeNull();
    expect(await cursorPosition(row.id)).toEqual({ kind: "known", seq: row.seq });
  });

  it("is gone once older than the retention, and pruning removes such sent rows only", async () => {
    const channel = `private-user-${testCuid()}`;
    await writeEvents(channel, 3, 0);
    const [old, recent, unsent] = await testDb().outboxEvent.findMany({
      where: { channels: { has: channel } },
      orderBy: { seq: "asc" },
    });
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await testDb().outboxEvent.update({
      where: { id: old!.id },
      data: { createdAt: eightDaysAgo, sentAt: eightDaysAgo },
    });
    await testDb().outboxEvent.update({ where: { id: recent!.id }, data: { sentAt: new Date() } });
    await testDb().outboxEvent.update({
      where: { id: unsent!.id },
      data: { createdAt: eightDaysAgo },
    });
    expect(await cursorPosition(old!.id)).toEqual({ kind: "gone" });
    expect((await cursorPosition(recent!.id)).kind).toBe("known");
    expect(await pruneEventLog()).toBeGreaterThanOrEqual(1);
    expect(await testDb().outboxEvent.findUnique({ where: { id: old!.id } })).toBeNull();
    expect(await testDb().outboxEvent.findUnique({ where: { id: recent!.id } })).not.toBeNull();
    // Never delivered: kept until it is, whatever its age.
    expect(await testDb().outboxEvent.findUnique({ where: { id: unsent!.id } })).not.toBeNull();
  });
});
