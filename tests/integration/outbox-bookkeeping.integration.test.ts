// The dispatcher's bookkeeping on the real PostgreSQL when the database does not take a write (a
// statement or client timeout under load): rows it published are still marked sent, and rows a
// claim leased whose answer was lost are released, instead of staying leased for the whole lease
// (30 s) and holding back every newer row on their channels. The database is this file's own, so
// no other dispatcher (the shared stack's web server sweeps the shared one) takes its rows.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testCuid } from "../helpers/ids";
import { createOwnDatabase } from "../helpers/own-database";
import { PrismaClient } from "../../web/server/generated/prisma/client";
import type { RealtimeService } from "../../web/server/realtime/publisher";
import { OutboxDispatcher, writeOutbox } from "../../web/server/outbox";

let own: Awaited<ReturnType<typeof createOwnDatabase>>;
let db: PrismaClient;
beforeAll(async () => {
  own = await createOwnDatabase("outbox_bookkeeping");
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: own.url }) });
});
afterAll(async () => {
  await db?.$disconnect();
  await own?.drop();
});
beforeEach(async () => {
  await db.outboxEvent.deleteMany();
});

/** What pg reports when a query outlives `query_timeout`. */
const readTimeout = () => new Error("Query read timeout");

/**
 * The real client, except that the first `markSent` statements recording rows as sent fail, and
 * the first `lostClaims` claims run (and commit) but answer with a timeout, as when the client
 * gives up just as the server commits. `seen` counts the mark-sent statements it failed.
 */
function flakyDb(faults: { markSent?: number; lostClaims?: number }) {
  let markSent = faults.markSent ?? 0;
  let lostClaims = faults.lostClaims ?? 0;
  const seen = { markSentFailed: 0 };
  const client = new Proxy(db, {
    get(target, property, receiver) {
      // The dispatcher records rows as sent with one raw UPDATE … SET "sentAt" per publish.
      if (property === "$executeRaw")
        return (...args: Parameters<PrismaClient["$executeRaw"]>) => {
          if (String(args[0]).includes('SET "sentAt"') && markSent > 0) {
            markSent -= 1;
            seen.markSentFailed += 1;
            return Promise.reject(readTimeout());
          }
          return target.$executeRaw(...args);
        };
      if (property === "$queryRaw")
        return async (...args: Parameters<PrismaClient["$queryRaw"]>) => {
          const answer = await target.$queryRaw(...args);
          const claim = String(args[0]).includes('UPDATE "OutboxEvent"');
          if (claim && lostClaims > 0) {
            lostClaims -= 1;
            throw readTimeout();
          }
          return answer;
        };
      return Reflect.get(target, property, receiver);
    },
  });
  return { client, seen };
}

/** A realtime service that accepts everything and remembers the eventIds it got. */
function acceptingRealtime() {
  const published: string[] = [];
  const service: RealtimeService = {
    publish: () => Promise.reject(new Error("not used")),
    publishRaw: async (messages) => {
      published.push(...messages.map((m) => String(m.eventId)));
      return {
        ok: true,
        requests: 1,
        published: messages.map((m, index) => ({
          index,
          event: m.event as never,
          channels: [...m.channels],
          eventId: String(m.eventId),
          occurredAt: String(m.occurredAt),
        })),
      };
    },
  };
  return { service, published };
}

const quiet = { warn: () => {}, error: () => {} };

function messages(count: number) {
  const channel = `private-user-${testCuid()}`;
  return Array.from({ length: count }, () => ({
    channels: [channel],
    event: "dashboard-update" as const,
    payload: { scope: "all" as const },
  }));
}

async function unsent(): Promise<number> {
  return db.outboxEvent.count({ where: { sentAt: null } });
}

describe("outbox bookkeeping the database did not take", () => {
  it("claim path: rows published while marking them sent timed out are still marked sent", async () => {
    await db.$transaction((tx) => writeOutbox(tx as never, messages(5), false));
    const realtime = acceptingRealtime();
    // Fails more often than the in-pass retries: the last try is owed to the next pass.
    const { client: faulty, seen } = flakyDb({ markSent: 3 });
    const dispatcher = new OutboxDispatcher(
      () => realtime.service,
      quiet,
      () => faulty,
    );
    const first = await dispatcher.dispatch();
    expect(first).toMatchObject({ claimed: 5, sent: 5, failed: 0 });
    // All three tries of the pass failed: the rows are still unsent until the next pass.
    expect(seen.markSentFailed).toBe(3);
    expect(await unsent()).toBe(5);
    // The next pass (the sweeper's, 2 s later) records them before it claims anything: they are
    // not left leased, and not published a second time.
    await dispatcher.dispatch();
    expect(await unsent()).toBe(0);
    expect(realtime.published).toHaveLength(5);
    expect(new Set(realtime.published).size).toBe(5);
  });

  it("claim path: a mark-sent that fails once is retried within the pass", async () => {
    await db.$transaction((tx) => writeOutbox(tx as never, messages(3), false));
    const realtime = acceptingRealtime();
    const { client: faulty, seen } = flakyDb({ markSent: 1 });
    const dispatcher = new OutboxDispatcher(
      () => realtime.service,
      quiet,
      () => faulty,
    );
    await dispatcher.dispatch();
    expect(seen.markSentFailed).toBe(1);
    expect(await unsent()).toBe(0);
    expect(realtime.published).toHaveLength(3);
  });

  it("memory path: rows published from memory whose mark-sent failed are marked sent by idle()", async () => {
    const realtime = acceptingRealtime();
    const { client: faulty, seen } = flakyDb({ markSent: 3 });
    const dispatcher = new OutboxDispatcher(
      () => realtime.service,
      quiet,
      () => faulty,
    );
    // An empty outbox: the dispatcher publishes new rows straight from memory from now on.
    await dispatcher.dispatch();
    expect(dispatcher.publishesDirectly()).toBe(true);
    const rows = await db.$transaction((tx) => writeOutbox(tx as never, messages(4), true));
    dispatcher.publishCommitted(rows);
    await dispatcher.idle();
    expect(seen.markSentFailed).toBe(3);
    expect(await unsent()).toBe(0);
    expect(realtime.published).toEqual(rows.map((r) => r.id));
  });

  it("a claim whose answer was lost after it committed releases its rows for the next pass", async () => {
    await db.$transaction((tx) => writeOutbox(tx as never, messages(4), false));
    const realtime = acceptingRealtime();
    const { client: faulty } = flakyDb({ lostClaims: 1 });
    const dispatcher = new OutboxDispatcher(
      () => realtime.service,
      quiet,
      () => faulty,
    );
    await expect(dispatcher.dispatch()).rejects.toThrow("Query read timeout");
    expect(realtime.published).toEqual([]);
    // Without the release the 4 rows would stay leased for 30 s and this pass would claim none.
    const next = await dispatcher.dispatch();
    expect(next).toMatchObject({ claimed: 4, sent: 4 });
    expect(await unsent()).toBe(0);
  });
});

/** How many unsent rows a claim has leased (attempted, not due), once `count` are or 10 s passed. */
async function leasedOnce(count: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const leased = await db.outboxEvent.count({
      where: { sentAt: null, attempts: { gt: 0 }, nextAttemptAt: { gt: new Date() } },
    });
    if (leased >= count || Date.now() > deadline) return leased;
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Batch = Parameters<RealtimeService["publishRaw"]>[0];
type Answer = ReturnType<RealtimeService["publishRaw"]>;

/**
 * A dispatcher on this file's database whose realtime service is acceptingRealtime(), except that
 * `first` answers the first publish (`accept` is the accepting answer).
 */
function backlogDispatcher(first: (batch: Batch, accept: (batch: Batch) => Answer) => Answer) {
  const realtime = acceptingRealtime();
  let calls = 0;
  const accept = realtime.service.publishRaw;
  const service: RealtimeService = {
    ...realtime.service,
    publishRaw: (batch) => (++calls === 1 ? first(batch, accept) : accept(batch)),
  };
  const dispatcher = new OutboxDispatcher(
    () => service,
    quiet,
    () => db,
  );
  return { dispatcher, published: realtime.published, calls: () => calls };
}

describe("a backlog larger than one claim", () => {
  // One claim takes 2,000 rows (CLAIM_LIMIT in web/server/outbox.ts); all rows share a channel,
  // so a claim that counted the rows being published as holding back would take none.
  const BACKLOG = 2600;

  it("claims the next rows while the first claim's are published, and keeps the channel's order", async () => {
    const rows = await db.$transaction((tx) => writeOutbox(tx as never, messages(BACKLOG), false));
    let leasedDuringFirst = 0;
    const { dispatcher, published, calls } = backlogDispatcher(async (batch, accept) => {
      // The second claim runs beside this publish: its lease appears meanwhile.
      leasedDuringFirst = await leasedOnce(BACKLOG);
      return accept(batch);
    });
    const report = await dispatcher.dispatch();
    expect(report).toMatchObject({ claimed: BACKLOG, sent: BACKLOG, failed: 0 });
    // The first claim's 2,000 rows and the next claim's 600 were leased at once.
    expect(leasedDuringFirst).toBe(BACKLOG);
    expect(calls()).toBe(2);
    // Every row once, in the order it was written.
    expect(published).toEqual(rows.map((r) => r.id));
    expect(await unsent()).toBe(0);
  });

  it("after a failure in the first claim's rows, the next claim's follow them in order", async () => {
    const rows = await db.$transaction((tx) => writeOutbox(tx as never, messages(BACKLOG), false));
    const { dispatcher, published } = backlogDispatcher(async (batch, accept) => {
      // Soketi answers 503 for the last 500 of the first claim's rows; the others go out.
      expect(await leasedOnce(BACKLOG)).toBe(BACKLOG);
      const cut = batch.length - 500;
      await accept(batch.slice(0, cut));
      const failed = batch.slice(cut).map((m, i) => ({
        index: cut + i,
        event: String(m.event),
        channels: [...(m.channels ?? [])],
        eventId: String(m.eventId),
        reason: "send-failed" as const,
        retryable: true,
        error: "503 Service Unavailable",
        status: 503,
      }));
      return { ok: false, error: "503", failed, published: [], requests: 1 };
    });
    const first = await dispatcher.dispatch();
    // The next claim's 600 rows were released unpublished; the 500 failed wait for their retry
    // (1 s) and hold the released ones back on their channel.
    expect(first).toMatchObject({ sent: 1500, failed: 500 });
    expect(published).toEqual(rows.slice(0, 1500).map((r) => r.id));
    expect(await unsent()).toBe(1100);
    await new Promise((r) => setTimeout(r, 1100));
    await dispatcher.dispatch();
    expect(published).toEqual(rows.map((r) => r.id));
    expect(await unsent()).toBe(0);
  });
});
