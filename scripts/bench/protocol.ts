// What `pnpm bench` (scripts/bench/index.ts) and its load workers (./load-worker.ts) tell each
// other over IPC, and the clock both sides time with.

/** One load connection: the channels it subscribes, and how it gets their signatures. */
export type ConnectionSpec = {
  channels: string[];
  /** Session cookie: private channels are authorized through the app's POST /api/pusher/auth. */
  cookie?: string;
  /** Another Soketi than the command's (B6: several nodes). */
  wsUrl?: string;
  /** Receipts of this connection are kept under `{group}|{tag}` (B6: per node). */
  group?: string;
  /** Reconnects and re-subscribes after losing the connection (B7). */
  reconnect?: boolean;
  /** Authorizes its private channels in one POST /api/pusher/auth/batch (with a cookie). */
  batch?: boolean;
  /** Counts the copies it receives, nothing more (throughput: the client's work kept least). */
  countOnly?: boolean;
};

/** One request of an HTTP load (B2): form or JSON body, with a session cookie. */
export type RequestSpec = {
  method: "GET" | "POST";
  path: string;
  cookie?: string;
  contentType?: string;
  body?: string;
  /** Authorizations the request stands for (a batch signs several channels). */
  weight: number;
};

export type WorkerCommand =
  | {
      type: "connect";
      wsUrl: string;
      webUrl: string;
      /** Signs private channels locally when no cookie is given (raw Soketi scenarios). */
      key: string;
      secret: string;
      connections: ConnectionSpec[];
      /** WebSocket handshakes (and authorizations) in flight at once. */
      concurrency: number;
    }
  | { type: "reset" }
  | { type: "collect" }
  | { type: "count" }
  | { type: "disconnect" }
  | {
      type: "http";
      webUrl: string;
      requests: RequestSpec[];
      connections: number;
      durationMs: number;
    }
  | { type: "stop" };

/** Per tag (an event's title): the receipt times, and per channel the order seen. */
export type Receipts = {
  times: Record<string, number[]>;
  /** Per channel: events received, repeated sequence numbers, sequence numbers going back. */
  channels: Record<string, { count: number; duplicates: number; outOfOrder: number }>;
  /** When connections lost meanwhile were subscribed again (B7). */
  resubscribed: number[];
};

export type WorkerReply =
  | {
      type: "connected";
      ok: number;
      failed: number;
      /** Failed connections by status: the app's HTTP status, Soketi's error code, 0 otherwise. */
      failedBy: Record<string, number>;
      errors: string[];
      ms: number;
    }
  | { type: "done" }
  | { type: "receipts"; receipts: Receipts }
  | { type: "count"; copies: number; resubscribed: number }
  | { type: "disconnected"; closed: number }
  | {
      type: "http-done";
      requests: number;
      authorizations: number;
      statuses: Record<string, number>;
      latencies: number[];
    };

/** Milliseconds on a clock every process of the run shares (wall clock, sub-millisecond). */
export const now = () => performance.timeOrigin + performance.now();

/** The sequence number of a tag `… #n`, or null. */
export function sequenceOfTag(tag: string): number | null {
  const hash = tag.lastIndexOf("#");
  if (hash < 0) return null;
  const n = Number(tag.slice(hash + 1));
  return Number.isInteger(n) ? n : null;
}
