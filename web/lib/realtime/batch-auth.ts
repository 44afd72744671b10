// Channel authorization in batches: pusher-js asks for each private/presence channel on its own
// (every one again after each reconnect); this customHandler collects the channels asked for in
// one tick into ONE `POST /api/pusher/auth/batch` and answers each channel's callback from it.
import Pusher, { type ChannelAuthorizationHandler } from "pusher-js";

export const DEFAULT_BATCH_AUTH_ENDPOINT = "/api/pusher/auth/batch";
/** The route's limit per request. */
export const BATCH_AUTH_MAX_CHANNELS = 100;

type AuthCallback = Parameters<ChannelAuthorizationHandler>[1];
type ChannelResult =
  | { status: 200; auth: string; channel_data?: string }
  | { status: number; error?: { code?: string; message?: string } };

export type BatchAuthOptions = {
  endpoint?: string;
  /** Resolves a relative endpoint (Node clients); browsers use the page's origin. */
  baseUrl?: string;
  /** Extra headers, e.g. the session cookie of a Node client. */
  headers?: Record<string, string>;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Called for each request sent, with its channel count (tests and the fault suite count). */
  onRequest?: (channels: number) => void;
  /** Tries per batch on a network error, 429 or 5xx (default 4). */
  maxAttempts?: number;
};

type ErrorWithStatus = new (status: number, message: string) => Error;
let httpAuthError: ErrorWithStatus | null | undefined;

/**
 * pusher-js adds `status` to `pusher:subscription_error` only for its own HTTPAuthError, a class
 * it does not export. Its ajax authorizer builds one for a non-200 answer: run it once against a
 * stub XHR (synchronous, no network) and keep the class.
 */
function statusErrorClass(): ErrorWithStatus | null {
  if (httpAuthError !== undefined) return httpAuthError;
  httpAuthError = null;
  const runtime = Pusher.Runtime as unknown as {
    createXHR(): unknown;
    getAuthorizers(): Record<string, (...args: unknown[]) => void>;
  };
  const createXHR = runtime.createXHR;
  const stub = {
    readyState: 0,
    status: 0,
    responseText: "",
    onreadystatechange: () => {},
    open() {},
    setRequestHeader() {},
    send() {
      Object.assign(stub, { readyState: 4, status: 401 });
      stub.onreadystatechange();
    },
  };
  try {
    runtime.createXHR = () => stub;
    runtime
      .getAuthorizers()
      .ajax?.(
        runtime,
        "",
        { endpoint: "/", transport: "ajax", headers: {} },
        "channel-authorization",
        (error: unknown) => {
          if (error instanceof Error && "status" in error)
            httpAuthError = error.constructor as ErrorWithStatus;
        },
      );
  } catch {
    // Unknown pusher-js internals: errors then carry the status in their message only.
  } finally {
    runtime.createXHR = createXHR;
  }
  return httpAuthError;
}

/** An error pusher-js reports as `pusher:subscription_error` with this `status`. */
export function authError(status: number, message: string): Error {
  const Class = statusErrorClass();
  if (Class) return new Class(status, message);
  return Object.assign(new Error(`${status}: ${message}`), { status });
}

type Pending = { channelName: string; callback: AuthCallback };

/** The customHandler (see the file comment). */
export function batchChannelAuthorizer(
  options: BatchAuthOptions = {},
): ChannelAuthorizationHandler {
  const endpoint = options.endpoint ?? DEFAULT_BATCH_AUTH_ENDPOINT;
  const url = options.baseUrl ? new URL(endpoint, options.baseUrl).href : endpoint;
  const queues = new Map<string, Pending[]>();
  let scheduled = false;

  // One request; a network error, 429 or 5xx is retried (the subscription would otherwise stay
  // failed until the next reconnect: pusher-js does not ask again).
  const post = async (socketId: string, names: string[]) => {
    for (let attempt = 1; ; attempt += 1) {
      options.onRequest?.(names.length);
      const last = attempt >= (options.maxAttempts ?? 4);
      try {
        const response = await (options.fetch ?? fetch)(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...options.headers },
          body: JSON.stringify({ socket_id: socketId, channels: names }),
          credentials: "same-origin",
        });
        if (last || (response.status !== 429 && response.status < 500)) return response;
      } catch (error) {
        if (last) throw error;
      }
      await new Promise((r) => setTimeout(r, Math.random() * 250 * 2 ** attempt));
    }
  };

  const send = async (socketId: string, batch: Pending[]) => {
    const fail = (status: number, message: string) => {
      for (const { callback } of batch) callback(authError(status, message), null);
    };
    let response: Response;
    try {
      response = await post(socketId, [...new Set(batch.map((p) => p.channelName))]);
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      return fail(
        0,
        `channel authorization failed: ${String(error)}${cause ? ` (${String(cause)})` : ""}`,
      );
    }
    const body = (await response.json().catch(() => null)) as {
      channels?: Record<string, ChannelResult>;
      error?: { message?: string };
    } | null;
    if (!response.ok || !body?.channels)
      return fail(
        response.status,
        body?.error?.message ?? `channel authorization: HTTP ${response.status}`,
      );
    for (const { channelName, callback } of batch) {
      const result = body.channels[channelName];
      if (result && result.status === 200 && "auth" in result)
        callback(null, { auth: result.auth, channel_data: result.channel_data });
      else
        callback(
          authError(
            result?.status ?? 500,
            (result && "error" in result && result.error?.message) ||
              `not authorized: ${channelName}`,
          ),
          null,
        );
    }
  };

  const flush = () => {
    scheduled = false;
    for (const [socketId, pending] of queues) {
      queues.delete(socketId);
      for (let i = 0; i < pending.length; i += BATCH_AUTH_MAX_CHANNELS)
        void send(socketId, pending.slice(i, i + BATCH_AUTH_MAX_CHANNELS));
    }
  };

  return ({ socketId, channelName }, callback) => {
    const pending = queues.get(socketId) ?? [];
    pending.push({ channelName, callback });
    queues.set(socketId, pending);
    if (scheduled) return;
    scheduled = true;
    // pusher-js subscribes every channel in one loop after (re)connecting: one timer turn
    // collects them all.
    setTimeout(flush, 0);
  };
}
