// What the fault suite's runner and its client workers tell each other (IPC), and how an event
// carries its place in the sequence produced for its channel.

export type WorkerMessage =
  | {
      type: "start";
      clients: Array<{ userId: string; cookie: string }>;
      webUrl: string;
      key: string;
      proxyPort: number;
      initialCursor: string | null;
    }
  | { type: "report" }
  | { type: "stop" };

type StreamSummary = { count: number; max: number; duplicates: number; outOfOrder: number };

export type ClientReport = {
  userId: string;
  /** Connected and subscribed to both channels. */
  ready: boolean;
  state: string;
  /** Channels subscribed now (of 2). */
  subscribed: number;
  /** The last subscription errors. */
  errors: string[];
  attempts: number;
  sockets: number;
  lastConnectedAt: number;
  /** When the attempt that connected started. */
  lastAttemptAt: number;
  /** When that attempt's WebSocket handshake completed. */
  lastOpenAt: number;
  /** When the last readiness hint arrived. */
  lastHintAt: number;
  authRequests: number;
  /** Times events could not be replayed and the client would have refetched its state. */
  resyncs: number;
  user: StreamSummary;
  announcements: StreamSummary;
};

export type WorkerReply =
  { type: "started" } | { type: "report"; clients: ClientReport[]; unattributed: number };

const PREFIX = "fault #";

/** The title of the `n`-th event produced for a channel. */
export const sequenceTitle = (n: number) => `${PREFIX}${n}`;

/** The sequence number an event's payload carries (its title), or null. */
export function sequenceOf(data: unknown): number | null {
  const title = (data as { title?: unknown } | null)?.title;
  if (typeof title !== "string" || !title.startsWith(PREFIX)) return null;
  const n = Number(title.slice(PREFIX.length));
  return Number.isInteger(n) ? n : null;
}
