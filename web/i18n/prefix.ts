import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale, localizedPath, PREFIX_HEADER, type Locale } from "./locales";

/** The language prefix of the page being rendered ("/de/…" → "de"), null when unprefixed. */
export async function pathPrefix(): Promise<Locale | null> {
  const prefix = (await headers()).get(PREFIX_HEADER);
  return isLocale(prefix) ? prefix : null;
}

/** An app path under the current page's language prefix, for server-side links. */
export async function localHref(path: string): Promise<string> {
  return localizedPath(await pathPrefix(), path);
}

/** redirect() that keeps the page's language prefix: /de/admin → /de/sign-in. */
export async function localRedirect(path: string): Promise<never> {
  redirect(await localHref(path));
}
