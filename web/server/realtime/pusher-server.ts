import "server-only";
import http from "node:http";
import https from "node:https";
import Pusher from "pusher";

export type PusherServerConfig = {
  appId: string;
  key: string;
  secret: string;
  /** Set for Soketi (or any self-hosted server); unset targets Pusher cloud by `cluster`. */
  host?: string;
  port?: number;
  useTLS: boolean;
  cluster: string;
  /** Per-request HTTP timeout (ms), enforced by the SDK with an AbortController. Default 5000. */
  timeoutMs?: number;
};

export const DEFAULT_PUSHER_TIMEOUT_MS = 5000;

/**
 * A kept-alive connection unused this long is closed by us, well before the server would close
 * it (Soketi's uWS: 10 s idle), so a call is never sent on a connection the server is dropping.
 */
const IDLE_CONNECTION_MS = 4000;

/**
 * The official `pusher` SDK pointed at Soketi (host/port) or, without a host, at Pusher cloud
 * (`api-{cluster}.pusher.com`) exactly as the SDK does by default. Always with a request
 * timeout: the SDK has none by default, and a hung trigger must not hang its caller. Its
 * connections are kept open between calls (the SDK's default agent opens one per call; our
 * Soketi keeps them, soketi/src/http-api.cjs): the dispatcher's calls skip a TCP handshake.
 */
export function createPusherServer(config: PusherServerConfig): Pusher {
  const base = {
    appId: config.appId,
    key: config.key,
    secret: config.secret,
    useTLS: config.useTLS,
    timeout: config.timeoutMs ?? DEFAULT_PUSHER_TIMEOUT_MS,
    agent: new (config.useTLS ? https : http).Agent({
      keepAlive: true,
      timeout: IDLE_CONNECTION_MS,
    }),
  };
  if (!config.host) return new Pusher({ ...base, cluster: config.cluster });
  return new Pusher({
    ...base,
    host: config.host,
    // The SDK types port as a string; it only concatenates it into the URL.
    ...(config.port !== undefined ? { port: String(config.port) } : {}),
  });
}
