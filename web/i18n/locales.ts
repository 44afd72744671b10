// The languages the pages speak, and how a request's language is chosen (docs/i18n.md).
// Plain functions with no Next.js imports: proxy.ts, next.config.ts, server and client code use
// them alike.

export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** The time zone dates are shown in, in every language (lib/format.ts). */
export const TIME_ZONE = "UTC";

/** Each language's own name, for the language setting. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch" };

/**
 * Request headers set by proxy.ts on every page request (a client's own values are replaced):
 * the language the path or the browser asks for, and the path's language prefix ("" for an
 * unprefixed path), which links and redirects keep.
 */
export const LOCALE_HEADER = "x-livecampus-locale";
export const PREFIX_HEADER = "x-livecampus-prefix";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language of an Accept-Language header (RFC 9110 §12.5.4): the highest
 * q-weight wins, ties go to the earlier entry, "de-AT" counts as "de", q=0 rules a language out.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of acceptLanguage.split(",").slice(0, 50)) {
    const [tag = "", ...params] = part.trim().split(";");
    const primary = tag.trim().toLowerCase().split("-")[0];
    if (!isLocale(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (!best || q > best.q) best = { locale: primary, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** "/de/student" → { locale: "de", rest: "/student" }; "/student" → { locale: null, … }. */
export function splitLocalePrefix(path: string): { locale: Locale | null; rest: string } {
  const match = /^\/([^/?#]+)(?=$|[/?#])(.*)$/.exec(path);
  if (match && isLocale(match[1])) {
    const rest = match[2] ?? "";
    return { locale: match[1], rest: rest === "" || !rest.startsWith("/") ? `/${rest}` : rest };
  }
  return { locale: null, rest: path };
}

/**
 * An app path under a language prefix: localizedPath("de", "/student") → "/de/student". A null
 * prefix, an external or protocol-relative URL, an API path and an already prefixed path are
 * returned as they are.
 */
export function localizedPath(prefix: Locale | null | "", path: string): string {
  if (!prefix || !path.startsWith("/") || path.startsWith("//")) return path;
  if (path === "/api" || path.startsWith("/api/")) return path;
  if (splitLocalePrefix(path).locale) return path;
  if (path === "/") return `/${prefix}`;
  return `/${prefix}${path.startsWith("/?") || path.startsWith("/#") ? path.slice(1) : path}`;
}

/**
 * The paths next.config.ts rewrites to a language (every page path without a language prefix,
 * outside /api and /_next), as a path-to-regexp source.
 */
export const UNPREFIXED_PAGE_SOURCE = `/:path((?!(?:${LOCALES.join("|")})(?:/|$)|api(?:/|$)|_next/).*)`;
