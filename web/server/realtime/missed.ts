import "server-only";
// GET /api/realtime/missed (docs/realtime.md, "Delivery guarantee"): the events a client missed on
// one channel, read from the event log (./event-log), and the cursor pages start from.
import { HttpError } from "@/server/errors";
import { prepareEvent } from "@/lib/realtime";
import { cursorPosition, eventsAfter, newestEventId, type LoggedEvent } from "./event-log";

/** Most events one call returns; `complete: false` says to call again from the last one. */
export const MAX_MISSED_EVENTS = 500;

export type MissedEvent = { event: string; channel: string; data: Record<string, unknown> };
export type MissedEvents = { events: MissedEvent[]; complete: boolean };

const gone = (after: string) =>
  new HttpError(
    410,
    "gone",
    `Event ${JSON.stringify(after.slice(0, 100))} is unknown or older than the retention: refetch the state`,
  );

/** The payload exactly as it was published: the catalog's own serialization of the row. */
function publishedData(row: LoggedEvent): Record<string, unknown> {
  const prepared = prepareEvent({
    channels: row.channels,
    event: row.event,
    payload: row.payload,
    eventId: row.id,
    occurredAt: row.createdAt.toISOString(),
  });
  if (prepared.ok) return JSON.parse(prepared.prepared.data) as Record<string, unknown>;
  // A row the catalog has since outgrown: what was stored, with its id and time.
  const stored = (row.payload ?? {}) as Record<string, unknown>;
  return { ...stored, eventId: row.id, occurredAt: row.createdAt.toISOString() };
}

/**
 * The events published on `channel` after the event `after` (any event id, of any channel),
 * oldest first, at most MAX_MISSED_EVENTS. The caller has checked that the client may read the
 * channel. Throws 410 `gone` for an unknown id or one older than the retention.
 */
export async function listMissedEvents(channel: string, after: string): Promise<MissedEvents> {
  const position = await cursorPosition(after);
  if (position.kind === "gone") throw gone(after);
  if (position.kind === "pending") {
    // Seen live but not yet marked published (its publish is being confirmed or retried): its
    // own channels hold every later event back until it is, so nothing follows it there yet.
    // Another channel's events may take places before it: no safe answer but "refetch".
    if (position.channels.includes(channel)) return { events: [], complete: true };
    throw gone(after);
  }
  const rows = await eventsAfter(channel, position.seq, MAX_MISSED_EVENTS + 1);
  const page = rows.slice(0, MAX_MISSED_EVENTS);
  return {
    events: page.map((row) => ({ event: row.event, channel, data: publishedData(row) })),
    complete: rows.length <= MAX_MISSED_EVENTS,
  };
}

/**
 * The newest published event's id, or null when the log is empty. A page reads it BEFORE it
 * loads its data and hands it to the realtime client, which replays from it on a channel's
 * first subscription: nothing published between the data load and the subscription is lost.
 */
export async function getEventCursor(): Promise<string | null> {
  return newestEventId();
}
