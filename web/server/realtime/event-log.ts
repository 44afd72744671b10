import "server-only";
// The outbox read as an event log (docs/realtime.md, "Delivery guarantee"). A row's place in the
// log is `seq`, taken from the column's sequence when the row is inserted, under an advisory
// lock that only the commit releases (`lockEventLog`, called by the outbox writer as the last
// statement of every transaction that adds events). So places are committed in order: a reader
// that sees N sees every row below N, and a client resuming "after N" can never skip a row that
// committed late with a smaller number. A row is in the log from its commit on, before it is
// published: a client replaying after a Soketi outage gets it at once, not when the
// dispatcher's retry comes round.
import { getServerEnv } from "@/env";
import { getDb } from "@/server/db";

/** A row as the log serves it. */
export type LoggedEvent = {
  id: string;
  event: string;
  channels: string[];
  payload: unknown;
  createdAt: Date;
  seq: bigint;
};

/** Where a cursor (an event id) stands in the log. */
export type CursorPosition = { kind: "gone" } | { kind: "known"; seq: bigint };

/** How long rows stay in the log (≥ 24 h; `OUTBOX_RETENTION_HOURS`). */
export function eventRetentionMs(): number {
  return getServerEnv().OUTBOX_RETENTION_HOURS * 3600_000;
}

/**
 * The advisory lock that serializes the transactions adding events, from their insert to their
 * commit, across app instances (`pg_advisory_xact_lock(hashtext(EVENT_LOG_LOCK))`). The outbox writer takes it
 * in the insert statement itself, as the transaction's last statement: it is then held for that
 * statement and the commit only.
 */
export const EVENT_LOG_LOCK = "livecampus.outbox.seq";

/** Deletes published rows older than the retention (unsent rows stay until delivered). */
export async function pruneEventLog(): Promise<number> {
  const before = new Date(Date.now() - eventRetentionMs());
  let total = 0;
  // In batches: every statement must finish within the database query timeout (web/server/db.ts).
  for (;;) {
    const count = await getDb().$executeRaw`
      DELETE FROM "OutboxEvent" WHERE "id" IN (
        SELECT "id" FROM "OutboxEvent" WHERE "sentAt" < ${before} LIMIT ${PRUNE_BATCH})`;
    total += count;
    if (count < PRUNE_BATCH) return total;
  }
}

const PRUNE_BATCH = 2000;

const retentionStart = () => new Date(Date.now() - eventRetentionMs());

/** Where `eventId` stands: gone when unknown or written longer ago than the retention. */
export async function cursorPosition(eventId: string): Promise<CursorPosition> {
  const row = await getDb().outboxEvent.findUnique({
    where: { id: eventId },
    select: { seq: true, createdAt: true },
  });
  if (!row || row.createdAt < retentionStart()) return { kind: "gone" };
  return { kind: "known", seq: row.seq };
}

/** Up to `limit` events of `channel` after `seq`, oldest first (GIN index on channels). */
export async function eventsAfter(
  channel: string,
  seq: bigint,
  limit: number,
): Promise<LoggedEvent[]> {
  return getDb().$queryRaw<LoggedEvent[]>`
    SELECT "id", "event", "channels", "payload", "createdAt", "seq"
    FROM "OutboxEvent"
    WHERE "channels" @> ARRAY[${channel}]::text[] AND "seq" > ${seq}
    ORDER BY "seq"
    LIMIT ${limit}`;
}

/** The id of the newest event still within the retention, or null when there is none. */
export async function newestEventId(): Promise<string | null> {
  const row = await getDb().outboxEvent.findFirst({
    where: { createdAt: { gte: retentionStart() } },
    orderBy: { seq: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}
