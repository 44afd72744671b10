// Runs before every page request (Next 16 proxy): chooses each page request's language
// (docs/i18n.md), gives every page a Content-Security-Policy with a fresh nonce that Next puts
// on its own scripts, plus HSTS when the page was served over TLS, and answers a page 503 while
// PostgreSQL does not answer (contract §10; API routes answer their own 503). API requests pass
// their checks in their routes (server/api-gate.ts) and skip the proxy, which cost each about a
// fifth of the web server's CPU (B2's reference GET /api/me on one saturated process: 558/s
// through the proxy in docs/benchmarks-before.json, 702/s without in docs/benchmarks.md), but
// for a path with a percent sign, whose decoding is checked here.
import { NextResponse, type NextRequest } from "next/server";
import { getPublicRealtimeConfig, getServerEnv, type PublicRealtimeConfig } from "@/env";
import { HSTS } from "@/server/api-gate";
import { ownOrigin } from "@/server/client-address";
import { getDatabaseGate, needsDatabase } from "@/server/db-gate";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_TEXT, unavailablePage } from "@/server/unavailable-page";
import { LOCALE_HEADER, negotiateLocale, PREFIX_HEADER, splitLocalePrefix } from "@/i18n/locales";

/** Where the browser opens its WebSocket: the configured realtime host, or the page's own. */
function realtimeSources(config: PublicRealtimeConfig, pageHost: string): string[] {
  if (config.cloud) {
    return [`wss://ws-${config.cluster}.pusher.com`, `https://sockjs-${config.cluster}.pusher.com`];
  }
  const host = config.host ?? pageHost.replace(/:\d+$/, "");
  const port = config.port ? `:${config.port}` : "";
  return [`${config.useTLS ? "wss" : "ws"}://${host}${port}`];
}

function contentSecurityPolicy(nonce: string, request: NextRequest, tls: boolean): string {
  const env = getServerEnv();
  const host = request.headers.get("host") ?? request.nextUrl.host;
  const connect = ["'self'", ...realtimeSources(getPublicRealtimeConfig(), host)];
  // Next's dev server talks to its HMR socket and evaluates React's debug stacks.
  if (!env.isProduction) connect.push(`ws://${host}`);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${env.isProduction ? "" : " 'unsafe-eval'"}`,
    // Next and the charts set inline style attributes; scripts are what a nonce must guard.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(tls ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

function isPrefetch(headers: Headers): boolean {
  return headers.has("next-router-prefetch") || headers.get("purpose") === "prefetch";
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function refuse(status: number, code: string, message: string) {
  return NextResponse.json(
    { error: { code, message } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * A page's 503 while the database is away: the styled page for a browser, the same CSP as any
 * page; a server action's fetch gets plain text, which Next's client shows as the error.
 */
function unavailable(request: NextRequest, policy: string, tls: boolean, locale: string | null) {
  const action = request.headers.has("next-action");
  const retry = request.nextUrl.clone();
  retry.searchParams.delete("_rsc"); // a client navigation's cache key, not part of the page
  const body = action ? UNAVAILABLE_TEXT : unavailablePage(retry.pathname + retry.search, locale);
  const response = new NextResponse(request.method === "HEAD" ? null : body, {
    status: 503,
    headers: {
      // Exactly text/plain: Next's client reads such a body as the action's error message.
      "Content-Type": action ? "text/plain" : "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Content-Security-Policy": policy,
    },
  });
  if (tls) response.headers.set(...HSTS);
  return response;
}

export async function proxy(request: NextRequest) {
  const env = getServerEnv();
  const path = request.nextUrl.pathname;

  // A path that is not valid percent-encoding can name no route (Next would fail decoding it).
  if (!decodable(path)) return refuse(400, "bad_request", "The path is not valid percent-encoding");
  // The matcher sends an API path here only for that check: its route does the rest.
  if (path === "/api" || path.startsWith("/api/")) return NextResponse.next();

  const tls = ownOrigin(request.headers, request.url, env.TRUST_PROXY).startsWith("https:");

  // The page's language: the path's prefix, else the browser's preference. next.config.ts
  // rewrites an unprefixed path to it; the signed-in user's own setting wins when it renders
  // (i18n/request.ts). A client's own values of these headers are replaced.
  const prefix = splitLocalePrefix(path).locale;
  const headers = new Headers(request.headers);
  headers.set(LOCALE_HEADER, prefix ?? negotiateLocale(request.headers.get("accept-language")));
  headers.set(PREFIX_HEADER, prefix ?? "");

  // A router prefetch only needs its language: it is not a document (no CSP to carry), and a
  // database that is away shows when the page itself is opened.
  if (isPrefetch(request.headers)) return NextResponse.next({ request: { headers } });

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, request, tls);
  // Every page reads the database (the root layout does): without it, a fast 503 instead of a
  // render that would wait for its queries' timeouts and end as a 500.
  if (needsDatabase(path) && !(await getDatabaseGate().isAvailable()))
    return unavailable(request, policy, tls, headers.get(LOCALE_HEADER));
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (tls) response.headers.set(...HSTS);
  return response;
}

export const config = {
  matcher: [
    // Every page request, router prefetches included (they need their language).
    "/((?!api(?:/|$)|_next/static|_next/image|favicon.ico|icon.svg).*)",
    // An API path with a percent sign, for the check above (Next answers 500 to a bad one).
    "/api/(.*%.*)",
  ],
};
