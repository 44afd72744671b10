import "server-only";
// Transactional outbox. A service writes its rows and the events describing them in ONE
// transaction (transactionWithEvents). After commit the dispatcher publishes the new rows
// straight from memory (they were inserted leased, so no other pass takes them meanwhile) and
// marks them sent; a sweeper claims whatever is due (retries with backoff, rows a crashed process
// left leased; a backlog claim by claim, the next one beside the publishing of the one before) so
// an event survives Soketi being down and the app restarting. While any row is
// unsent, new rows take the claim path instead, behind the older rows on their channels. The row
// id is the event's eventId: a re-send after a crash is de-duplicated by the browser. Published
// rows form the event log clients resume from (./realtime/event-log, GET /api/realtime/missed).
import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { getServerEnv } from "@/env";
import { getDb, sqlRows, type Tx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { httpErrors } from "@/server/errors";
import { prepareEvent, type RealtimeMessage } from "@/lib/realtime";
import { EVENT_LOG_LOCK, pruneEventLog } from "@/server/realtime/event-log";
import { newId } from "@/server/ids";
import { getRealtimeService, type RealtimeService } from "@/server/realtime/publisher";

/** Collects the events of one transaction. */
export type EventSink = { add(...messages: RealtimeMessage[]): void };

/** How many due rows one dispatch pass claims. */
const CLAIM_LIMIT = 2000;
/** Committed rows published from memory per publish call (and marked sent per statement). */
const DIRECT_CHUNK = 500;
/** A claimed row is invisible to other dispatchers for this long (a crash mid-send frees it). */
const LEASE_SECONDS = 30;
/** Sweeper period: retries and anything a crashed process left behind. */
const SWEEP_INTERVAL_MS = 2000;
/** A row that can never be delivered (invalid) is parked this long, visible in lastError. */
const PARK_MS = 24 * 3600_000;
/**
 * An unsent row due within this window (a retry after backoff ≤ 60 s, or a lease ≤ 30 s) holds
 * back the newer rows that share one of its channels; a parked row (24 h) does not.
 */
const HOLD_BACK_SECONDS = 3600;
/**
 * Pauses between the tries of a bookkeeping write (rows sent, due again) the database did not
 * take; after the last one it is retried before every later pass.
 */
const RECORD_RETRY_MS = [100, 500];

/** Backoff after the n-th failed attempt: 1 s, 2 s, 4 s … capped at 60 s. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Validates messages against the catalog before they are stored: an event that could never be
 * delivered fails the transaction instead of being retried forever.
 */
function assertDeliverable(messages: RealtimeMessage[]) {
  for (const message of messages) {
    const check = prepareEvent({
      ...message,
      eventId: "validation",
      occurredAt: new Date().toISOString(),
    });
    if (check.ok) continue;
    // Too large is the client's input (a long text): a 422, and nothing is written.
    if (check.reason === "too-large")
      throw httpErrors.invalid(`The change is too large to deliver live: ${check.error}`);
    throw new Error(`Refusing to store an undeliverable event: ${check.error}`);
  }
}

/** An outbox row as its transaction wrote it: what the dispatcher publishes from memory. */
export type CommittedRow = {
  id: string;
  seq: bigint;
  createdAt: Date;
  channels: string[];
  event: string;
  payload: unknown;
  attempts: number;
};

type OutboxInsert = { id: string; channels: string[]; event: string; payload: unknown };

function outboxRows(messages: RealtimeMessage[]): OutboxInsert[] {
  return messages.map((m) => ({
    id: newId(),
    channels: [...m.channels],
    event: m.event,
    payload: m.payload,
  }));
}

/**
 * The statement that inserts the rows, in order; `leased` ones are invisible to claim passes for
 * LEASE_SECONDS, as if claimed by this process (which publishes them from memory after commit).
 * It takes the event-log lock and inserts, so the lock is held for that statement and the commit
 * only (./realtime/event-log): every transaction that adds events queues on it. `createdAt` (the
 * events' occurredAt) is the time of the insert, so it grows with the log's order.
 */
function outboxInsert(rows: OutboxInsert[], leased: boolean): Prisma.Sql {
  const lease = leased ? LEASE_SECONDS : 0;
  const attempts = leased ? 1 : 0;
  return Prisma.sql`
    INSERT INTO "OutboxEvent"
      ("id", "channels", "event", "payload", "attempts", "nextAttemptAt", "createdAt")
    SELECT r."id", ARRAY(SELECT jsonb_array_elements_text(r."channels")), r."event", r."payload",
           ${attempts}, now() + make_interval(secs => ${lease}), clock_timestamp() AT TIME ZONE 'UTC'
    FROM (SELECT pg_advisory_xact_lock(hashtext(${EVENT_LOG_LOCK}))) AS "lock",
         ROWS FROM (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           AS ("id" text, "channels" jsonb, "event" text, "payload" jsonb)) WITH ORDINALITY
           AS r("id", "channels", "event", "payload", "n")
    ORDER BY r."n"
    RETURNING "id", "seq", "createdAt"`;
}

type Inserted = { id: string; seq: bigint; createdAt: Date };

function committedRows(rows: OutboxInsert[], inserted: Inserted[], leased: boolean) {
  const byId = new Map(inserted.map((row) => [row.id, row]));
  return rows.map((row) => ({ ...byId.get(row.id)!, ...row, attempts: leased ? 1 : 0 }));
}

/** Inserts the rows, in order, as the transaction's last statement (see outboxInsert). */
export async function writeOutbox(
  tx: Tx,
  messages: RealtimeMessage[],
  leased: boolean,
): Promise<CommittedRow[]> {
  const rows = outboxRows(messages);
  const inserted = await tx.$queryRaw<Inserted[]>(outboxInsert(rows, leased));
  return committedRows(rows, inserted, leased);
}

/**
 * Runs `work` in one database transaction together with the outbox rows for the events it
 * adds; after commit the dispatcher publishes them (never awaited: requests don't wait on
 * Soketi). `REALTIME_PUBLISH` (a benchmark switch, docs/operations.md) can instead store and
 * publish nothing (`off`) or publish after commit inside the request, awaited, with no outbox
 * (`inline`, the design the outbox replaced: an event is lost when Soketi is unreachable).
 */
export async function transactionWithEvents<T>(
  work: (tx: Tx, events: EventSink) => Promise<T>,
  // Prisma's interactive-transaction limits, for the rare long one (a bulk import).
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  const mode = getServerEnv().REALTIME_PUBLISH;
  const dispatcher = getDispatcher();
  const direct = dispatcher.publishesDirectly();
  const pending: RealtimeMessage[] = [];
  let committed: CommittedRow[] = [];
  const result = await getDb().$transaction(async (tx) => {
    const value = await work(tx, { add: (...messages) => pending.push(...messages) });
    if (pending.length > 0) {
      assertDeliverable(pending);
      // Last statement: the event-log lock it takes is held only until the commit.
      if (mode === "outbox") committed = await writeOutbox(tx, pending, direct);
    }
    return value;
  }, options);
  if (mode === "inline" && pending.length > 0) await getRealtimeService().publish(pending);
  handOff(dispatcher, committed, direct);
  return result;
}

/**
 * Rows just committed go to the dispatcher: published from memory when they were leased at
 * insert, otherwise by a claim pass, behind the older unsent rows on their channels.
 */
function handOff(dispatcher: OutboxDispatcher, committed: CommittedRow[], leased: boolean) {
  if (committed.length === 0) return;
  if (leased) dispatcher.publishCommitted(committed);
  else dispatcher.kick();
}

/**
 * transactionWithEvents for a write that is one INSERT whose events are known before it runs
 * (the caller chose the row's id and time): the insert and its outbox rows go to PostgreSQL as
 * ONE statement, a single round trip that commits by itself, instead of an interactive
 * transaction's four (docs/benchmarks.md, B1). Same modes, same hand-off to the dispatcher.
 */
export async function insertWithEvents(
  insert: Prisma.Sql,
  messages: RealtimeMessage[],
): Promise<void> {
  const mode = getServerEnv().REALTIME_PUBLISH;
  if (mode !== "outbox" || messages.length === 0) {
    if (messages.length > 0) assertDeliverable(messages);
    await sqlRows(insert);
    if (mode === "inline" && messages.length > 0) await getRealtimeService().publish(messages);
    return;
  }
  assertDeliverable(messages);
  const dispatcher = getDispatcher();
  const direct = dispatcher.publishesDirectly();
  const rows = outboxRows(messages);
  // A data-modifying WITH runs exactly once, whether or not the outer statement reads it.
  const inserted = await sqlRows<Inserted>(
    Prisma.sql`WITH "write" AS (${insert}) ${outboxInsert(rows, direct)}`,
  );
  handOff(dispatcher, committedRows(rows, inserted, direct), direct);
}

/**
 * Stores events that describe no write of the app's own (e.g. the online count from Soketi's
 * webhooks) and wakes the dispatcher: they get an id and a place in the log like any other.
 */
export async function enqueueEvents(...messages: RealtimeMessage[]): Promise<void> {
  await transactionWithEvents(async (_tx, events) => events.add(...messages));
}

export type DispatchReport = { claimed: number; sent: number; failed: number };

export class OutboxDispatcher {
  private running: Promise<DispatchReport> | undefined;
  /** A claim pass is wanted (a sweep, a commit on the claim path, a full claim). */
  private again = false;
  /** Committed rows this process leased at insert, waiting to be published from memory. */
  private committed: CommittedRow[] = [];
  /**
   * New rows are published from memory only while no row is known to be unsent: false from
   * start until a sweep finds the outbox empty, and again from the first failure.
   */
  private direct = false;
  /** Memory-path rows being recorded as sent. */
  private readonly marking = new Set<Promise<void>>();
  /**
   * Bookkeeping the database did not take (a statement timeout under load), retried before
   * every pass: rows published but not marked sent, or not made due again, would otherwise stay
   * leased and hold back every newer row on their channels for the rest of the lease.
   */
  private owed: (() => Promise<unknown>)[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Set by stop(): a pass in flight claims no further rows (a stopping process hands them on). */
  private stopped = false;
  private lastCleanup = 0;

  constructor(
    private readonly realtime: () => RealtimeService,
    private readonly log: Pick<Console, "warn" | "error"> = console,
    private readonly db: () => Db = getDb,
  ) {}

  /** Publishes due rows now; concurrent calls coalesce into one more pass. */
  kick(): void {
    void this.dispatch().catch((error: unknown) =>
      this.log.error("[outbox] dispatch failed", error),
    );
  }

  /** Whether a transaction starting now may lease its rows for publishCommitted(). */
  publishesDirectly(): boolean {
    return this.direct;
  }

  /** Publishes rows just committed with a lease (writeOutbox), in log order, from memory. */
  publishCommitted(rows: CommittedRow[]): void {
    this.committed.push(...rows);
    void this.drain().catch((error: unknown) => this.log.error("[outbox] dispatch failed", error));
  }

  /**
   * One claim pass after the committed rows waiting (or joins the running drain and schedules
   * another pass). Resolves with what it did.
   */
  async dispatch(): Promise<DispatchReport> {
    this.again = true;
    return this.drain();
  }

  private drain(): Promise<DispatchReport> {
    if (this.running) return this.running;
    this.running = (async () => {
      const total: DispatchReport = { claimed: 0, sent: 0, failed: 0 };
      const add = (report: DispatchReport) => {
        total.claimed += report.claimed;
        total.sent += report.sent;
        total.failed += report.failed;
      };
      try {
        while (this.committed.length > 0 || this.again) {
          // Claim passes first: a row committed on the claim path is older than any leased
          // row committed after it.
          if (this.again) {
            this.again = false;
            const report = await this.pass();
            add(report);
            if (report.claimed === 0 && !this.direct) this.direct = await this.outboxEmpty();
            continue;
          }
          add(await this.publishFromMemory(this.committed.splice(0)));
        }
      } finally {
        this.running = undefined;
      }
      return total;
    })();
    return this.running;
  }

  /** No unsent row at all (this process has none in flight when it asks). */
  private async outboxEmpty(): Promise<boolean> {
    const unsent = await this.db().outboxEvent.findFirst({
      where: { sentAt: null },
      select: { id: true },
    });
    return unsent === null && this.committed.length === 0;
  }

  /**
   * Publishes leased rows in log order. After a failure the rest are not sent from here: they
   * are released to claim passes, which keep them behind the failed rows on their channels.
   */
  private async publishFromMemory(rows: CommittedRow[]): Promise<DispatchReport> {
    rows.sort(bySeq);
    // Leased while publishing directly, committed after a failure ended it: behind the failed.
    if (!this.direct) {
      await this.release(rows);
      return { claimed: 0, sent: 0, failed: 0 };
    }
    const total: DispatchReport = { claimed: 0, sent: 0, failed: 0 };
    for (let i = 0; i < rows.length; i += DIRECT_CHUNK) {
      // Leased rows nobody else takes: the next publish need not wait for their sentAt.
      const { report, recorded } = await this.publish(rows.slice(i, i + DIRECT_CHUNK));
      this.track(recorded);
      total.sent += report.sent;
      total.failed += report.failed;
      if (report.failed > 0) {
        this.direct = false;
        await this.release([...rows.slice(i + DIRECT_CHUNK), ...this.committed.splice(0)]);
        break;
      }
    }
    return total;
  }

  /** Makes leased rows due for the next claim pass (which runs at once). */
  private async release(rows: CommittedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    await this.record(() =>
      this.db().outboxEvent.updateMany({
        where: { id: { in: ids }, sentAt: null },
        data: { nextAttemptAt: new Date() },
      }),
    );
    this.again = true;
  }

  /**
   * Claim passes until the due rows run out. While one claim's rows are published, the next claim
   * runs beside it, so a backlog drains at the pace of publishing instead of publishing, then
   * claiming, then publishing (docs/benchmarks.md, B4). The next claim does not count the rows
   * being published as holding back its own (they are this process's, and go out first: a claim's
   * rows are published only once the earlier claim's are); it waits for the rows before those to
   * be recorded as sent. If the earlier claim's rows had a failure, the next claim's are released
   * unpublished, behind the failed ones on their channels.
   */
  private async pass(): Promise<DispatchReport> {
    const db = this.db();
    await this.settle();
    const total: DispatchReport = { claimed: 0, sent: 0, failed: 0 };
    let rows = await this.claimOrRelease(db, []);
    let marked: Promise<void> = Promise.resolve();
    while (rows.length > 0) {
      // Rows were due: new ones queue behind them until the outbox is empty.
      this.direct = false;
      const recordedBefore = marked;
      const publishing = this.publish(rows);
      const ids = rows.map((row) => row.id);
      // A full claim means more may be due right now.
      const next =
        rows.length === CLAIM_LIMIT && !this.stopped
          ? recordedBefore.then(() => this.claimOrRelease(db, ids))
          : Promise.resolve([]);
      const [published, claimed] = await Promise.allSettled([publishing, next]);
      if (published.status === "rejected") {
        if (claimed.status === "fulfilled") await this.release(claimed.value);
        throw published.reason;
      }
      const { report, recorded } = published.value;
      total.claimed += rows.length;
      total.sent += report.sent;
      total.failed += report.failed;
      // Settles once every claim's rows so far are recorded (each record() never rejects).
      marked = Promise.all([recordedBefore, recorded]).then(() => undefined);
      if (claimed.status === "rejected") {
        await marked;
        throw claimed.reason;
      }
      if (report.failed > 0) {
        // The failed rows are due again later; the next claim's go behind them (at once).
        await this.release(claimed.value);
        break;
      }
      rows = claimed.value;
    }
    await marked;
    return total;
  }

  /**
   * claim(), and when it fails (its answer may be lost after it committed) the release of what
   * it may have leased; then the error.
   */
  private async claimOrRelease(db: Db, publishing: string[]): Promise<CommittedRow[]> {
    // The lease ends within a second of LEASE_SECONDS from now, at a millisecond of its own: if
    // the answer is lost after the claim committed (a client-side timeout), the rows it leased
    // can still be found and released instead of waiting out the lease.
    const mark = randomInt(1000);
    try {
      const rows = await this.claim(db, mark, publishing);
      // Log order, which is the order each channel's events are published in.
      return rows.sort(bySeq);
    } catch (error) {
      await this.record(
        () => db.$executeRaw`
          UPDATE "OutboxEvent" SET "nextAttemptAt" = now()
          WHERE "sentAt" IS NULL AND "nextAttemptAt" > now()
            AND "nextAttemptAt" < now() + make_interval(secs => ${LEASE_SECONDS + 2})
            AND (extract(milliseconds FROM "nextAttemptAt"))::int % 1000 = ${mark}`,
      );
      throw error;
    }
  }

  /**
   * Claims due rows with a lease ending at millisecond `mark` of its second; SKIP LOCKED lets
   * several app instances share the outbox. Each channel keeps its order: a row is not claimed
   * while an older unsent row on one of its channels waits for its retry (backoff) or is in
   * flight elsewhere (lease), or rows that failed at different times would overtake each other
   * once Soketi is back. Rows named in `publishing` (this process's, being published now) hold
   * nothing back: the rows claimed here are published after them.
   */
  private claim(db: Db, mark: number, publishing: string[]): Promise<CommittedRow[]> {
    return db.$queryRaw<CommittedRow[]>`
      UPDATE "OutboxEvent"
      SET "nextAttemptAt" = date_trunc('second', now())
                            + make_interval(secs => ${LEASE_SECONDS + mark / 1000}),
          "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT o."id" FROM "OutboxEvent" o
        WHERE o."sentAt" IS NULL AND o."nextAttemptAt" <= now()
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxEvent" e
            WHERE e."sentAt" IS NULL
              AND e."nextAttemptAt" > now()
              AND e."nextAttemptAt" <= now() + make_interval(secs => ${HOLD_BACK_SECONDS})
              AND e."seq" < o."seq"
              AND e."channels" && o."channels"
              AND e."id" <> ALL(${publishing}::text[]))
        ORDER BY o."seq"
        LIMIT ${CLAIM_LIMIT}
        FOR UPDATE OF o SKIP LOCKED)
      RETURNING "id", "channels", "event", "payload", "attempts", "createdAt", "seq"`;
  }

  /**
   * Publishes leased rows and makes the failed ones due again after a backoff (parked if
   * invalid). `recorded` settles once the rows sent are marked so (record(): it never rejects);
   * the next publish need not wait for it.
   */
  private async publish(
    rows: CommittedRow[],
  ): Promise<{ report: DispatchReport; recorded: Promise<void> }> {
    const db = this.db();
    const result = await this.realtime().publishRaw(
      rows.map((row) => ({
        channels: row.channels,
        event: row.event,
        payload: row.payload,
        eventId: row.id,
        occurredAt: row.createdAt.toISOString(),
      })),
    );
    const failures = result.ok ? [] : result.failed;
    const failedIds = new Set(failures.map((f) => rows[f.index]!.id));
    const sentIds = rows.map((r) => r.id).filter((id) => !failedIds.has(id));
    // Raw SQL, as the claim is: it runs once per publish call, and Prisma's query compiler was
    // a visible share of the dispatcher's CPU profile.
    const recorded =
      sentIds.length === 0
        ? Promise.resolve()
        : this.record(
            () => db.$executeRaw`
              UPDATE "OutboxEvent" SET "sentAt" = now() AT TIME ZONE 'UTC', "lastError" = NULL
              WHERE "id" = ANY(${sentIds}::text[]) AND "sentAt" IS NULL`,
          );
    // One statement per backoff and error (a whole batch fails alike when Soketi is away).
    const retries = new Map<string, { delay: number; lastError: string; ids: string[] }>();
    for (const failure of failures) {
      const row = rows[failure.index]!;
      // Invalid rows cannot become valid: park them far in the future, visible in lastError.
      const delay = failure.retryable ? retryDelayMs(row.attempts) : PARK_MS;
      const lastError = `${failure.reason}: ${failure.error}`.slice(0, 1000);
      const key = `${delay} ${lastError}`;
      const group = retries.get(key) ?? { delay, lastError, ids: [] };
      group.ids.push(row.id);
      retries.set(key, group);
    }
    for (const { delay, lastError, ids } of retries.values()) {
      await this.record(() =>
        db.outboxEvent.updateMany({
          where: { id: { in: ids }, sentAt: null },
          data: { nextAttemptAt: new Date(Date.now() + delay), lastError },
        }),
      );
    }
    if (failures.length > 0) {
      this.log.warn(
        `[outbox] ${failures.length} of ${rows.length} events not delivered; retrying with backoff`,
        failures[0]?.error,
      );
    }
    return { report: { claimed: 0, sent: sentIds.length, failed: failures.length }, recorded };
  }

  /** Starts the periodic sweeper (idempotent). The timer never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => {
      this.kick();
      void this.cleanup();
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopped = true;
  }

  /**
   * Resolves once no pass is running (including passes started meanwhile), so a stopping process
   * can let the one in flight record what it sent instead of leaving its rows leased.
   */
  async idle(): Promise<void> {
    while (this.running || this.marking.size > 0) {
      await this.running?.catch(() => undefined);
      await Promise.all(this.marking);
    }
    // A last try at what the database did not take (the caller bounds how long this may wait).
    await this.settle();
  }

  /** Records rows as sent without holding up the next publish (record() never rejects). */
  private track(marking: Promise<void>) {
    this.marking.add(marking);
    void marking.finally(() => this.marking.delete(marking));
  }

  /**
   * Runs a bookkeeping write, tried again after RECORD_RETRY_MS; if the database still does not
   * take it, it is owed and retried before every later pass. Never rejects. Every such write is
   * idempotent (it only touches unsent rows), so a retry after a lost answer changes nothing.
   */
  private async record(write: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        const pause = RECORD_RETRY_MS[attempt];
        if (pause === undefined) {
          this.owed.push(write);
          this.log.warn(
            "[outbox] could not record a publish; retrying before the next pass",
            error,
          );
          return;
        }
        await sleep(pause);
      }
    }
  }

  /** Retries the owed bookkeeping, in order; what fails again stays owed. Never rejects. */
  private async settle(): Promise<void> {
    const owed = this.owed.splice(0);
    for (const [i, write] of owed.entries()) {
      try {
        await write();
      } catch {
        this.owed.unshift(...owed.slice(i));
        return;
      }
    }
  }

  private async cleanup() {
    if (Date.now() - this.lastCleanup < 3600_000) return;
    this.lastCleanup = Date.now();
    try {
      await pruneEventLog();
    } catch (error) {
      this.log.warn("[outbox] cleanup failed", error);
    }
  }
}

const bySeq = (a: { seq: bigint }, b: { seq: bigint }) =>
  a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0;

type Db = ReturnType<typeof getDb>;

const globalForOutbox = globalThis as unknown as { livecampusOutbox?: OutboxDispatcher };

/** The process-wide dispatcher (its sweeper is started by instrumentation.ts). */
export function getDispatcher(): OutboxDispatcher {
  globalForOutbox.livecampusOutbox ??= new OutboxDispatcher(getRealtimeService);
  return globalForOutbox.livecampusOutbox;
}
