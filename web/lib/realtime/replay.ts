// Missed-event replay (GET /api/realtime/missed, docs/realtime.md "Delivery guarantee"): per
// channel, the last eventId seen; after each (re)subscription the events published since then are
// fetched and delivered before any live event that arrived meanwhile, so handlers see one
// ordered stream whether an event came live, replayed, or both (listeners drop repeats by id).

/** One event as the missed route returns it. */
export type MissedEvent = { event: string; channel: string; data: unknown };

export type MissedResult =
  | { ok: true; events: MissedEvent[]; complete: boolean }
  | { ok: false; gone: boolean; status: number };

/** Fetches one page of missed events for `channel` after `after`. */
export type FetchMissed = (channel: string, after: string) => Promise<MissedResult>;

export const MISSED_ENDPOINT = "/api/realtime/missed";

/** The HTTP fetcher for the app's missed route (browser: same origin, the session cookie). */
export function httpMissedFetcher(
  options: {
    baseUrl?: string;
    headers?: Record<string, string>;
    fetch?: (url: string, init: RequestInit) => Promise<Response>;
    /** Tries on a network error, 429 or 5xx (default 3). */
    maxAttempts?: number;
  } = {},
): FetchMissed {
  return async (channel, after) => {
    const query = new URLSearchParams({ channel, after });
    const path = `${MISSED_ENDPOINT}?${query}`;
    const url = options.baseUrl ? new URL(path, options.baseUrl).href : path;
    // A network error or 5xx is retried a few times: failing means refetching every SWR key.
    for (let attempt = 1; ; attempt += 1) {
      const last = attempt >= (options.maxAttempts ?? 3);
      try {
        const response = await (options.fetch ?? fetch)(url, {
          headers: options.headers,
          credentials: "same-origin",
        });
        const retry = !last && (response.status >= 500 || response.status === 429);
        if (!response.ok && !retry)
          return { ok: false, gone: response.status === 410, status: response.status };
        if (response.ok) {
          const body = (await response.json()) as { events?: MissedEvent[]; complete?: boolean };
          if (!Array.isArray(body.events))
            return { ok: false, gone: false, status: response.status };
          return { ok: true, events: body.events, complete: body.complete !== false };
        }
      } catch {
        if (last) return { ok: false, gone: false, status: 0 };
      }
      await new Promise((r) => setTimeout(r, Math.random() * 250 * 2 ** attempt));
    }
  };
}

/** The eventId of a payload, if it has one. */
export function eventIdOf(data: unknown): string | null {
  const id = (data as { eventId?: unknown } | null)?.eventId;
  return typeof id === "string" && id.length > 0 ? id : null;
}

/** How a replay ended: everything delivered, or the listeners must refetch their state. */
export type ReplayOutcome = "replayed" | "skipped" | "resync";

type Deliver = (event: string, data: unknown) => void;
/** More than a replay page (500) plus what arrives live meanwhile. */
const RECENT_IDS = 1000;

/**
 * The ordered event stream of one subscribed channel. `push` takes live events; `resubscribed`
 * starts a replay from the cursor, during which live events wait in a buffer.
 */
export class ChannelStream {
  private cursor: string | null;
  private replaying = 0; // generation of the running replay, 0 when none
  private generation = 0;
  private buffer: Array<[string, unknown]> = [];
  // Ids emitted lately: an event that came both live and replayed is emitted once, and the
  // cursor never moves back.
  private readonly recent = new Set<string>();
  private subscriptions = 0;

  /** `cursor`: where a first subscription replays from (the page's cursor, or newer). */
  constructor(
    readonly channel: string,
    cursor: string | null,
    private readonly deliver: Deliver,
    private readonly onCursor: (eventId: string) => void = () => {},
  ) {
    this.cursor = cursor;
  }

  /** The last eventId delivered (or the starting cursor). */
  getCursor(): string | null {
    return this.cursor;
  }

  /** A live event from pusher-js. */
  push(event: string, data: unknown): void {
    if (this.replaying) this.buffer.push([event, data]);
    else this.emit(event, data);
  }

  /**
   * The channel was (re)subscribed: replay what was published after the cursor, then the live
   * events buffered meanwhile. A newer call supersedes a running one. The cursor is this
   * channel's own last event (or where its first subscription started): never an id seen on
   * another channel since, which may be newer than events this channel missed.
   */
  async resubscribed(fetchMissed: FetchMissed | null): Promise<ReplayOutcome> {
    const generation = ++this.generation;
    const first = ++this.subscriptions === 1;
    const after = this.cursor;
    if (!fetchMissed || !after) {
      this.finish(generation);
      // Nothing to resume from: fine on a first subscription of an empty log, not after a gap.
      return first || !fetchMissed ? "skipped" : "resync";
    }
    this.replaying = generation;
    let from = after;
    let outcome: ReplayOutcome = "replayed";
    for (;;) {
      const page = await fetchMissed(this.channel, from);
      if (generation !== this.generation) return "skipped";
      if (!page.ok) {
        outcome = "resync";
        break;
      }
      for (const item of page.events) {
        if (item.channel !== this.channel) continue;
        this.emit(item.event, item.data);
        from = eventIdOf(item.data) ?? from;
      }
      if (page.complete || page.events.length === 0) break;
    }
    this.finish(generation);
    return outcome;
  }

  private finish(generation: number) {
    if (generation !== this.generation) return;
    this.replaying = 0;
    const buffered = this.buffer;
    this.buffer = [];
    for (const [event, data] of buffered) this.emit(event, data);
  }

  private emit(event: string, data: unknown) {
    const id = eventIdOf(data);
    if (id) {
      if (this.recent.has(id)) return;
      this.recent.add(id);
      if (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value!);
      this.cursor = id;
      this.onCursor(id);
    }
    this.deliver(event, data);
  }
}
