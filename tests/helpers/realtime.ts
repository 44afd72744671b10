// The one pusher-js subscriber of the tests: a real connection to a real Soketi that records every
// event it receives. Authorized either through the web app's real /api/pusher/auth and
// /api/pusher/user-auth routes with a test Session's cookies (exactly what a browser does:
// connectAs), or by signing locally with the app secret (createSubscriber, for tests without a
// web server).
import type { UserIdentity } from "@/lib/domain";
import type { PusherClientOptions } from "@/lib/realtime/client";
import Pusher, { type Channel } from "pusher-js";
import { vi } from "vitest";
import type { Session } from "./http";
import { localAuthFor } from "./soketi";
import { getStack, type SoketiEndpoint } from "./stack";

export type ReceivedEvent = {
  channel: string;
  event: string;
  data: Record<string, unknown>;
  at: number;
};

export class SubscriptionError extends Error {
  constructor(
    readonly channel: string,
    readonly status: number,
  ) {
    super(`subscription to ${channel} refused (HTTP ${status})`);
  }
}

type AuthAnswer = { status: number; body: Record<string, string> };

/** A form POST (as pusher-js sends its auth requests) with the session's cookie, if any. */
export async function postForm(
  session: Session | null,
  path: string,
  form: Record<string, string>,
): Promise<AuthAnswer> {
  const init = {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  };
  const response = session
    ? await session.fetch(path, init)
    : await fetch(new URL(path, getStack().webUrl), init);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, string>) : {},
  };
}

export type RealtimeClientOptions = {
  /** Send pusher:signin once connected. */
  signin?: boolean;
  /** Another Soketi than the stack's (a test that stops and restarts its own). */
  soketi?: Pick<SoketiEndpoint, "host" | "port" | "key">;
};

/** Auth handlers that call the web app's routes as `session` and record each answer. */
function routeAuth(
  session: Session | null,
  answers: Map<string, AuthAnswer>,
): Required<PusherClientOptions> {
  return {
    channelAuthorizationHandler: ({ socketId, channelName }, callback) => {
      postForm(session, "/api/pusher/auth", { socket_id: socketId, channel_name: channelName })
        .then((answer) => {
          answers.set(channelName, answer);
          if (answer.status !== 200)
            callback(new SubscriptionError(channelName, answer.status), null);
          else callback(null, answer.body as { auth: string; channel_data?: string });
        })
        .catch((error: Error) => callback(error, null));
    },
    userAuthenticationHandler: ({ socketId }, callback) => {
      postForm(session, "/api/pusher/user-auth", { socket_id: socketId })
        .then((answer) =>
          answer.status === 200
            ? callback(null, answer.body as { auth: string; user_data: string })
            : callback(new Error(`user-auth HTTP ${answer.status}`), null),
        )
        .catch((error: Error) => callback(error, null));
    },
  };
}

/** A pusher-js connection to a test Soketi that records every event it receives. */
export class RealtimeClient {
  readonly pusher: Pusher;
  readonly received: ReceivedEvent[] = [];
  /** Raw answers of the auth route, by channel (route auth only: checks of signature or data). */
  readonly authAnswers = new Map<string, AuthAnswer>();

  /** `auth`: a Session (or null: anonymous) for the web app's routes, or local signing handlers. */
  constructor(
    auth: Session | null | Required<PusherClientOptions>,
    options: RealtimeClientOptions = {},
  ) {
    const soketi = options.soketi ?? getStack().soketi;
    const handlers =
      auth !== null && "channelAuthorizationHandler" in auth
        ? auth
        : routeAuth(auth, this.authAnswers);
    this.pusher = new Pusher(soketi.key, {
      cluster: "mt1",
      wsHost: soketi.host,
      wsPort: soketi.port,
      forceTLS: false,
      enabledTransports: ["ws"],
      enableStats: false,
      channelAuthorization: {
        endpoint: "/api/pusher/auth",
        transport: "ajax",
        customHandler: handlers.channelAuthorizationHandler,
      },
      userAuthentication: {
        endpoint: "/api/pusher/user-auth",
        transport: "ajax",
        customHandler: handlers.userAuthenticationHandler,
      },
    });
    if (options.signin) this.pusher.signin();
  }

  /** Resolves once connected to Soketi. */
  connected(timeoutMs = 5000): Promise<void> {
    if (this.pusher.connection.state === "connected") return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("pusher-js did not connect")), timeoutMs);
      this.pusher.connection.bind("connected", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Subscribes and resolves with the channel once Soketi confirms, or rejects with a
   * SubscriptionError carrying the auth route's status. Records every non-internal event.
   */
  subscribe(name: string, timeoutMs = 5000): Promise<Channel> {
    const channel = this.pusher.subscribe(name);
    channel.bind_global((event: string, data: unknown) => {
      if (event.startsWith("pusher:") || event.startsWith("pusher_internal:")) return;
      this.received.push({
        channel: name,
        event,
        data: data as Record<string, unknown>,
        at: Date.now(),
      });
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer subscribing to ${name}`)),
        timeoutMs,
      );
      channel.bind("pusher:subscription_succeeded", () => {
        clearTimeout(timer);
        resolve(channel);
      });
      channel.bind("pusher:subscription_error", (error: { status?: number; error?: unknown }) => {
        clearTimeout(timer);
        const status = typeof error?.status === "number" ? error.status : 0;
        this.pusher.unsubscribe(name);
        reject(new SubscriptionError(name, status));
      });
    });
  }

  /** The events received so far on `channel`, in order. */
  eventsOn(channel: string): ReceivedEvent[] {
    return this.received.filter((e) => e.channel === channel);
  }

  /** Resolves with the first matching event (already received or arriving within timeoutMs). */
  async waitFor(
    channel: string,
    event: string,
    predicate: (data: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<ReceivedEvent> {
    const match = (e: ReceivedEvent) =>
      e.channel === channel && e.event === event && predicate(e.data);
    try {
      return await vi.waitUntil(() => this.received.find(match), {
        timeout: timeoutMs,
        interval: 20,
      });
    } catch {
      throw new Error(
        `no ${event} on ${channel} within ${timeoutMs} ms; received: ${JSON.stringify(this.received.map((e) => `${e.channel}:${e.event}`))}`,
      );
    }
  }

  disconnect(): void {
    this.pusher.disconnect();
  }
}

/** A connected client for `session` (null: anonymous), authorized by the web app's routes. */
export async function connectAs(session: Session | null, options: RealtimeClientOptions = {}) {
  const client = new RealtimeClient(session, options);
  await client.connected();
  return client;
}

/**
 * A subscriber to `soketi` that signs its authorizations locally as `user` with the app secret
 * (no web server involved). It connects at once; subscribe() waits for the connection.
 */
export function createSubscriber(
  soketi: SoketiEndpoint,
  user: UserIdentity,
  options: Omit<RealtimeClientOptions, "soketi"> = {},
): RealtimeClient {
  return new RealtimeClient(localAuthFor(soketi, user), { ...options, soketi });
}
