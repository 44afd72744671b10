import "server-only";
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSessionUser } from "@/server/auth";
import { MESSAGES } from "@/messages";
import { DEFAULT_LOCALE, isLocale, LOCALE_HEADER, TIME_ZONE, type Locale } from "./locales";

/**
 * The language of this request's page: the signed-in user's own setting, else what proxy.ts
 * chose (the path's prefix, else Accept-Language), else the [locale] segment, else English.
 */
export async function resolveRequestLocale(segment?: string): Promise<Locale> {
  // A page whose user cannot be read (database away) still renders in the request's language.
  const user = await getSessionUser().catch(() => null);
  if (user?.locale) return user.locale;
  const chosen = (await headers()).get(LOCALE_HEADER);
  if (isLocale(chosen)) return chosen;
  return isLocale(segment) ? segment : DEFAULT_LOCALE;
}

export default getRequestConfig(async ({ requestLocale }) => {
  const locale = await resolveRequestLocale(await requestLocale);
  // Dates are shown in UTC, as lib/format.ts formats them (the server stores UTC).
  return { locale, messages: MESSAGES[locale], timeZone: TIME_ZONE };
});
