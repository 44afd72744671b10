import "server-only";
import type { IncomingMessage } from "node:http";

/** Set by the server on every request from its socket's address (any client value is replaced). */
export const PEER_HEADER = "x-livecampus-peer";

type Headerish = { get(name: string): string | null };

/**
 * The client's address: with TRUST_PROXY the rightmost X-Forwarded-For hop (the one our own
 * proxy added; anything left of it is the client's to invent), otherwise the TCP peer.
 */
export function clientAddress(headers: Headerish, trustProxy: boolean): string | null {
  if (trustProxy) {
    const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((hop) => hop.trim());
    const last = hops.filter(Boolean).at(-1);
    if (last) return last;
  }
  return headers.get(PEER_HEADER) || null;
}

/**
 * The origin the client called: scheme and Host header, or X-Forwarded-Proto/-Host when the
 * proxy is trusted.
 */
export function ownOrigin(headers: Headerish, url: string, trustProxy: boolean): string {
  const parsed = new URL(url);
  const first = (value: string | null) => value?.split(",")[0]?.trim() || undefined;
  const host =
    (trustProxy ? first(headers.get("x-forwarded-host")) : undefined) ??
    first(headers.get("host")) ??
    parsed.host;
  const proto =
    (trustProxy ? first(headers.get("x-forwarded-proto")) : undefined) ??
    parsed.protocol.slice(0, -1);
  return `${proto}://${host}`;
}

/** Whether an Origin header value names the request's own origin or an allowed one. */
export function isAllowedOrigin(origin: string, own: string, allowed: readonly string[]): boolean {
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) or garbage: not ours
  }
  if (normalized === "null") return false;
  try {
    if (normalized === new URL(own).origin) return true;
  } catch {
    // a Host header that is no valid host: only the allowlist can match
  }
  return allowed.includes(normalized);
}

const globalForPeer = globalThis as unknown as { livecampusPeerPatched?: boolean };

/**
 * Stamps every incoming request with its TCP peer address (PEER_HEADER) before Next sees it:
 * route handlers get no socket, and Next keeps a client-sent X-Forwarded-For as it is.
 */
export async function stampPeerAddresses(): Promise<void> {
  if (globalForPeer.livecampusPeerPatched) return;
  globalForPeer.livecampusPeerPatched = true;
  const http = await import("node:http");
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (
    this: unknown,
    event: string | symbol,
    ...args: unknown[]
  ) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}
