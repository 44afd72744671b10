import "server-only";
// The session's claims, read straight from the session cookie. Auth.js's `auth()` answers the
// same question by running its whole session endpoint in-process (a Request, the cookie parsed,
// the token decrypted, callbacks, the token encrypted again for a Set-Cookie that a server
// component or route handler then throws away, a Response, its JSON parsed): several times the
// cost of the one decryption that matters, on every authenticated request. This reads the same
// cookie Auth.js would read (name by protocol, chunks joined) with Auth.js's own `getToken`, and
// decrypts each distinct token once per process: a tab sends the same cookie with every request,
// and the decryption (a key derivation plus AES-CBC-HMAC) is what an authorized request cost most.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { headers } from "next/headers";
import type { Role } from "@/lib/domain";

/** Auth.js's own allowance for clock skew when it checks `exp` (its decode's clockTolerance). */
const CLOCK_TOLERANCE_MS = 15_000;

/**
 * Decrypted tokens by cacheKey (secret, cookie name, token text). Only tokens that decrypted are
 * kept, each until its own `exp`: what a hit returns is exactly what decrypting again would
 * return. Whether the session still counts (deactivated user, changed password) is decided per
 * request after this, from the user's current state.
 */
const decoded = new LRUCache<string, JWT>({ max: 20_000 });
/**
 * Decryptions under way, so concurrent requests with one token decrypt it once: a user's tabs
 * reconnecting together after an outage all bring the same cookie at the same moment.
 */
const decoding = new Map<string, Promise<JWT | null>>();

/**
 * A decryption's key in the caches: a digest of everything it depends on (secret, salt, token).
 * Not the token text itself: the token is a slice of the request's Cookie header, and a slice
 * keeps its whole parent string alive, so every cached session held a Cookie header (after
 * B2's 19,000 sessions, ~10 of the web server's 42 MB of strings).
 */
function cacheKey({ secret, salt, token }: JWTDecodeParams): string {
  return createHash("sha256")
    .update([...[secret].flat(), salt, token ?? ""].join("\0"))
    .digest("base64url");
}

async function cachedDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const key = cacheKey(params);
  const hit = decoded.get(key);
  if (hit) {
    if (typeof hit.exp === "number" && hit.exp * 1000 + CLOCK_TOLERANCE_MS > Date.now()) return hit;
    decoded.delete(key);
  }
  let pending = decoding.get(key);
  if (!pending) {
    pending = decode(params)
      .then((token) => {
        if (token && typeof token.exp === "number") decoded.set(key, token);
        return token;
      })
      .finally(() => decoding.delete(key));
    decoding.set(key, pending);
  }
  return pending;
}

export type SessionClaims = { id: string; role: Role; sessionVersion: number };

/**
 * Whether Auth.js uses its `__Secure-` cookie for this request: the same rule as `auth()`
 * (AUTH_URL's protocol, else `X-Forwarded-Proto`, which Next.js always sets, else https).
 */
export function usesSecureCookie(
  requestHeaders: Pick<Headers, "get">,
  envUrl: string | undefined,
): boolean {
  if (envUrl) {
    try {
      return new URL(envUrl).protocol === "https:";
    } catch {
      // Auth.js would fail on it; no session either way.
      return false;
    }
  }
  const protocol = requestHeaders.get("x-forwarded-proto") ?? "https";
  return protocol.replace(/:$/, "") === "https";
}

/** The claims the jwt callback in ./auth wrote, from a cookie header; null when absent or invalid. */
export async function sessionClaimsFromCookies(
  cookie: string,
  secret: string,
  secureCookie: boolean,
): Promise<SessionClaims | null> {
  if (!cookie) return null;
  // Only the cookie: getToken would also take an Authorization bearer token, which Auth.js's
  // session endpoint does not.
  const token = await getToken({
    req: { headers: { cookie } },
    secret,
    secureCookie,
    decode: cachedDecode,
  });
  if (!token || typeof token.id !== "string") return null;
  return {
    id: token.id,
    role: token.role as Role,
    sessionVersion: typeof token.sv === "number" ? token.sv : 0,
  };
}

/**
 * The current request's session claims (server components, route handlers), or null. The
 * request's headers are read first: during `next build` that marks the page dynamic before
 * `env()` would read an environment the build does not have.
 */
export async function readSessionClaims(
  env: () => { AUTH_SECRET: string; AUTH_URL?: string },
): Promise<SessionClaims | null> {
  const requestHeaders = await headers();
  const { AUTH_SECRET, AUTH_URL } = env();
  return sessionClaimsFromCookies(
    requestHeaders.get("cookie") ?? "",
    AUTH_SECRET,
    usesSecureCookie(requestHeaders, AUTH_URL),
  );
}
