// The pusher-js client factory. Only the RealtimeProvider (one per tab) and non-browser tools
// (tests, scripts/realtime-cli.ts) call it; components and hooks never create a connection.
import Pusher, {
  type ChannelAuthorizationHandler,
  type Options,
  type UserAuthenticationHandler,
} from "pusher-js";

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
  /** Default `/api/pusher/auth`. */
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

export const DEFAULT_AUTH_ENDPOINT = "/api/pusher/auth";
export const DEFAULT_USER_AUTH_ENDPOINT = "/api/pusher/user-auth";

/** pusher-js options for a config (exported for tests). */
export function pusherClientOptions(
  config: RealtimeClientConfig,
  options: PusherClientOptions = {},
): Options {
  // No host but not the cloud: Soketi next to the app, reached by the page's own hostname.
  const pageHost = (globalThis as { location?: { hostname?: string } }).location?.hostname;
  const host = config.host ?? (config.cloud === false ? pageHost : undefined);
  const server: Partial<Options> = host
    ? {
        wsHost: host,
        wsPort: config.port ?? (config.useTLS ? 443 : 80),
        wssPort: config.port ?? 443,
        forceTLS: config.useTLS,
        enabledTransports: ["ws", "wss"],
      }
    : { forceTLS: config.useTLS };
  return {
    cluster: config.cluster,
    ...server,
    // Statistics would go to Pusher's servers; we run offline and self-hosted.
    enableStats: false,
    channelAuthorization: options.channelAuthorizationHandler
      ? { customHandler: options.channelAuthorizationHandler }
      : { endpoint: config.authEndpoint ?? DEFAULT_AUTH_ENDPOINT, transport: "ajax" },
    userAuthentication: options.userAuthenticationHandler
      ? { customHandler: options.userAuthenticationHandler }
      : { endpoint: config.userAuthEndpoint ?? DEFAULT_USER_AUTH_ENDPOINT, transport: "ajax" },
  };
}

/** A new pusher-js connection (it connects immediately). One per tab: see RealtimeProvider. */
export function createPusherClient(
  config: RealtimeClientConfig,
  options: PusherClientOptions = {},
): Pusher {
  return new Pusher(config.key, pusherClientOptions(config, options));
}

export type { Pusher };
