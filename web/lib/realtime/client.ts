// The pusher-js client factory. Only the RealtimeProvider (one per tab) and non-browser tools
// (tests, scripts/realtime-cli.ts) call it; components and hooks never create a connection.
import Pusher, {
  type ChannelAuthorizationHandler,
  type Options,
  type UserAuthenticationHandler,
} from "pusher-js";
import { batchChannelAuthorizer, DEFAULT_BATCH_AUTH_ENDPOINT } from "./batch-auth";
import { watchReadiness, type ReadinessOptions } from "./readiness";
import { ReconnectController, type ReconnectOptions } from "./reconnect";
import { asSocketOwner, type WatchedSocket } from "./socket-watch";

/** What the browser needs to reach the Pusher-protocol server: no secrets. */
export type RealtimeClientConfig = {
  key: string;
  /** Soketi's host. Unset: the page's own hostname unless `cloud` (then Pusher cloud by cluster). */
  host?: string;
  port?: number;
  useTLS: boolean;
  /** Always required by pusher-js, even against Soketi. */
  cluster: string;
  /** True when talking to Pusher cloud (no host, no port). */
  cloud?: boolean;
  /** True: a proxy serves the realtime server on the page's own origin (wss://{page host}/app/…). */
  sameOrigin?: boolean;
  /** Default `/api/pusher/auth/batch` (one request for the channels asked for in one tick). */
  authEndpoint?: string;
  /** Default `/api/pusher/user-auth`. */
  userAuthEndpoint?: string;
};

export type PusherClientOptions = {
  /** Replaces the HTTP call to authEndpoint (tests, CLI: sign locally with the app secret). */
  channelAuthorizationHandler?: ChannelAuthorizationHandler;
  /** Replaces the HTTP call to userAuthEndpoint for `pusher.signin()`. */
  userAuthenticationHandler?: UserAuthenticationHandler;
};

/** How a client reaches the app and reconnects (Node clients: the fault suite, tools). */
export type ClientRuntimeOptions = {
  /** Where relative endpoints resolve, which headers (the session cookie) to send, and how. */
  http?: {
    baseUrl?: string;
    headers?: Record<string, string>;
    fetch?: (url: string, init: RequestInit) => Promise<Response>;
  };
  /** Backoff settings, or false to leave reconnecting to pusher-js. */
  reconnect?: ReconnectOptions | false;
  /** Called for each batched auth request (the fault suite counts them). */
  onAuthRequest?: (channels: number) => void;
  /** The app's readiness hint while reconnecting (./readiness), or false to go without it. */
  readiness?: Pick<ReadinessOptions, "endpoint" | "spreadMs" | "waitSeconds" | "fetch"> | false;
};

export { DEFAULT_BATCH_AUTH_ENDPOINT };
export const DEFAULT_USER_AUTH_ENDPOINT = "/api/pusher/user-auth";

const resolve = (endpoint: string, runtime: ClientRuntimeOptions) =>
  runtime.http?.baseUrl ? new URL(endpoint, runtime.http.baseUrl).href : endpoint;

/** pusher-js options for a config (exported for tests). */
export function pusherClientOptions(
  config: RealtimeClientConfig,
  options: PusherClientOptions = {},
  runtime: ClientRuntimeOptions = {},
): Options {
  const page = (
    globalThis as { location?: { hostname?: string; port?: string; protocol?: string } }
  ).location;
  // No host but not the cloud: Soketi next to the app, reached by the page's own hostname.
  const pageHost = page?.hostname;
  const host = config.host ?? (config.cloud === false ? pageHost : undefined);
  const pageTLS = page?.protocol === "https:";
  const server: Partial<Options> =
    config.sameOrigin && pageHost
      ? {
          wsHost: pageHost,
          wsPort: Number(page?.port) || (pageTLS ? 443 : 80),
          wssPort: Number(page?.port) || 443,
          forceTLS: pageTLS,
          enabledTransports: ["ws"],
        }
      : host
        ? {
            wsHost: host,
            wsPort: config.port ?? (config.useTLS ? 443 : 80),
            wssPort: config.port ?? 443,
            forceTLS: config.useTLS,
            // WebSocket only ("ws" is wss:// under forceTLS). No "wss" beside it on a plain port:
            // pusher-js would open a second, doomed TLS socket 2 s into every slow attempt.
            enabledTransports: ["ws"],
          }
        : { forceTLS: config.useTLS };
  return {
    cluster: config.cluster,
    ...server,
    // Statistics would go to Pusher's servers; we run offline and self-hosted.
    enableStats: false,
    // A silent (dead) socket is found within 30 s: a ping after 20 s without traffic (Soketi
    // asks for 30), then 10 s for the pong.
    activityTimeout: 20_000,
    pongTimeout: 10_000,
    channelAuthorization: {
      customHandler:
        options.channelAuthorizationHandler ??
        batchChannelAuthorizer({
          endpoint: config.authEndpoint ?? DEFAULT_BATCH_AUTH_ENDPOINT,
          baseUrl: runtime.http?.baseUrl,
          headers: runtime.http?.headers,
          fetch: runtime.http?.fetch,
          onRequest: runtime.onAuthRequest,
        }),
    },
    userAuthentication: options.userAuthenticationHandler
      ? { customHandler: options.userAuthenticationHandler }
      : {
          endpoint: resolve(config.userAuthEndpoint ?? DEFAULT_USER_AUTH_ENDPOINT, runtime),
          transport: "ajax",
          headers: runtime.http?.headers,
        },
  };
}

const controllers = new WeakMap<Pusher, ReconnectController>();

/**
 * A new pusher-js connection (it connects immediately) whose reconnects follow
 * ./reconnect (full-jitter backoff) unless `options.reconnect` is false. One per tab: see
 * RealtimeProvider.
 */
export function createPusherClient(
  config: RealtimeClientConfig,
  options: PusherClientOptions = {},
  runtime: ClientRuntimeOptions = {},
): Pusher {
  const early: WatchedSocket[] = [];
  const pusher = asSocketOwner({ onSocket: (socket) => early.push(socket) }, () => {
    return new Pusher(config.key, pusherClientOptions(config, options, runtime));
  });
  if (runtime.reconnect !== false) {
    const controller = new ReconnectController(pusher, runtime.reconnect || {});
    for (const socket of early) controller.onSocket(socket);
    controllers.set(pusher, controller);
    if (runtime.readiness !== false) {
      const unwatch = watchReadiness(controller, { ...runtime.http, ...runtime.readiness });
      const disconnect = pusher.disconnect.bind(pusher);
      pusher.disconnect = () => {
        unwatch();
        disconnect();
      };
    }
  }
  return pusher;
}

/** The reconnect controller of a client made by createPusherClient (undefined when off). */
export function reconnectControllerOf(pusher: Pusher): ReconnectController | undefined {
  return controllers.get(pusher);
}

export type { Pusher };
