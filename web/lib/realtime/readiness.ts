// The readiness hint for reconnects (GET /api/realtime/ready, web/server/realtime/readiness.ts).
// While the connection is down, one long poll asks the app whether the realtime server answers
// again; the controller meanwhile spaces its own attempts by its cap. On "ready" the client
// attempts after a random delay in [0, spreadMs], so a thousand tabs do not arrive in the same
// millisecond. One hint per outage: if the hinted attempt fails too (the app reaches the server
// but this client cannot, e.g. its network is cut), plain backoff takes over until the next
// successful connection. Any failure of the hint itself (no app, an old app without the route)
// also falls back to plain backoff: the hint only ever makes reconnecting faster.
import type { ReconnectController } from "./reconnect";

export const DEFAULT_READINESS_ENDPOINT = "/api/realtime/ready";

export type ReadinessOptions = {
  endpoint?: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Hinted clients attempt within this window (default 500 ms). */
  spreadMs?: number;
  /** Seconds one long poll may wait (default 20). */
  waitSeconds?: number;
  random?: () => number;
};

type HintTarget = Pick<ReconnectController, "isRetrying" | "onChange" | "hint" | "holdForHint">;

/** Follows `controller`; returns the function that stops following it. */
export function watchReadiness(controller: HintTarget, options: ReadinessOptions = {}): () => void {
  const endpoint = options.endpoint ?? DEFAULT_READINESS_ENDPOINT;
  // Throws without a base (a Node client given no baseUrl): caught below, plain backoff then.
  const target = () =>
    new URL(
      `${endpoint}?wait=${options.waitSeconds ?? 20}`,
      options.baseUrl ?? (globalThis as { location?: { href?: string } }).location?.href,
    ).href;
  const doFetch = options.fetch ?? ((u: string, init: RequestInit) => fetch(u, init));
  const random = options.random ?? Math.random;
  let used = false;
  let poll: AbortController | null = null;

  const finish = () => {
    poll?.abort();
    poll = null;
    controller.holdForHint(false);
  };

  async function wait(signal: AbortSignal) {
    controller.holdForHint(true);
    try {
      while (!signal.aborted && controller.isRetrying()) {
        const response = await doFetch(target(), {
          signal,
          headers: options.headers,
          credentials: "same-origin",
          cache: "no-store",
        });
        if (!response.ok) break;
        const body = (await response.json()) as { ready?: unknown };
        if (body.ready === true) {
          used = true;
          controller.hint(Math.floor(random() * (options.spreadMs ?? 500)));
          break;
        }
      }
    } catch {
      // No hint to be had: plain backoff.
    }
    used = true;
    if (poll?.signal === signal) finish();
  }

  const onChange = () => {
    if (!controller.isRetrying()) {
      // Connected again (or stopped): the next outage may use a hint again.
      used = false;
      if (poll) finish();
      return;
    }
    if (used || poll) return;
    poll = new AbortController();
    void wait(poll.signal);
  };
  const unsubscribe = controller.onChange(onChange);
  return () => {
    unsubscribe();
    if (poll) finish();
  };
}
