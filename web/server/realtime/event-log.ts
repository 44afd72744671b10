import "server-only";
// The outbox read as an event log (docs/realtime.md, "Delivery guarantee"). A row's place in the
// log is `seq`, stamped when the dispatcher marks it published, in the order it published: an
// insert-time number would be taken in one order and committed in another by concurrent
// transactions, and a client resuming "after X" would skip a row committed late with a smaller
// number. Stamping runs under one advisory lock, so numbers are also committed in order: a
// reader that sees seq N sees every row below N.
import { getServerEnv } from "@/env";
import { getDb } from "@/server/db";

/** A published row as the log serves it. */
export type LoggedEvent = {
  id: string;
  event: string;
  channels: string[];
  payload: unknown;
  createdAt: Date;
  seq: bigint;
};

/** Where a cursor (an event id) stands in the log. */
export type CursorPosition =
  | { kind: "gone" }
  | { kind: "published"; seq: bigint }
  /** Known but not yet marked published (in flight, or its publish is being retried). */
  | { kind: "pending"; channels: string[] };

/** How long published rows stay in the log (≥ 24 h; `OUTBOX_RETENTION_HOURS`). */
export function eventRetentionMs(): number {
  return getServerEnv().OUTBOX_RETENTION_HOURS * 3600_000;
}

/**
 * Marks rows published and gives them their places in the log, in the order of `ids` (the
 * order they were published in). One transaction: the advisory lock serializes stamping across
 * app instances, so a smaller seq is never committed after a larger one.
 */
export async function markPublished(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = getDb();
  await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('livecampus.outbox.seq'))`,
    // n fresh numbers, sorted, paired with the ids by position (nextval's evaluation order
    // within one statement is not defined, the sort is).
    db.$executeRaw`
      WITH numbers AS (
        SELECT n, row_number() OVER (ORDER BY n) AS position
        FROM (SELECT nextval('"OutboxEvent_seq_seq"') AS n
              FROM generate_series(1, ${ids.length}::int)) fresh),
      targets AS (
        SELECT id, position FROM unnest(${[...ids]}::text[]) WITH ORDINALITY AS t(id, position))
      UPDATE "OutboxEvent" o
      SET "seq" = numbers.n, "sentAt" = clock_timestamp() AT TIME ZONE 'UTC', "lastError" = NULL
      FROM targets JOIN numbers USING (position)
      WHERE o."id" = targets.id`,
  ]);
}

/** Deletes published rows older than the retention. */
export async function pruneEventLog(): Promise<number> {
  const { count } = await getDb().outboxEvent.deleteMany({
    where: { sentAt: { lt: new Date(Date.now() - eventRetentionMs()) } },
  });
  return count;
}

/** Where `eventId` stands: gone when unknown or published longer ago than the retention. */
export async function cursorPosition(eventId: string): Promise<CursorPosition> {
  const row = await getDb().outboxEvent.findUnique({
    where: { id: eventId },
    select: { seq: true, sentAt: true, channels: true },
  });
  if (!row) return { kind: "gone" };
  if (row.sentAt === null) return { kind: "pending", channels: row.channels };
  // Sent without a place (cannot happen after the migration's backfill): nothing to resume from.
  if (row.seq === null) return { kind: "gone" };
  if (row.sentAt.getTime() < Date.now() - eventRetentionMs()) return { kind: "gone" };
  return { kind: "published", seq: row.seq };
}

/** Up to `limit` published events of `channel` after `seq`, oldest first (GIN index on channels). */
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

/** The id of the newest published event still within the retention, or null when there is none. */
export async function newestEventId(): Promise<string | null> {
  const row = await getDb().outboxEvent.findFirst({
    where: { seq: { not: null }, sentAt: { gte: new Date(Date.now() - eventRetentionMs()) } },
    orderBy: { seq: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}
