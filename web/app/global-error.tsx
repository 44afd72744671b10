"use client";
import { useSyncExternalStore } from "react";
import { usePathname } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { ErrorNotice } from "@/components/error-notice";
import {
  DEFAULT_LOCALE,
  negotiateLocale,
  splitLocalePrefix,
  TIME_ZONE,
  type Locale,
} from "@/i18n/locales";
import { MESSAGES } from "@/messages";
import "./globals.css";

const noChanges = () => () => {};

/** The browser's preferred language (the server render has none: English until hydrated). */
function useBrowserLocale(): Locale {
  return useSyncExternalStore(
    noChanges,
    () => negotiateLocale(navigator.languages?.join(",") || navigator.language),
    () => DEFAULT_LOCALE,
  );
}

// An error in the root layout itself (it reads the session's user): replaces the whole document,
// outside the language's layout and its provider. The language: the path's prefix ("/de/…"),
// else the browser's.
export default function GlobalError() {
  const prefix = splitLocalePrefix(usePathname() ?? "/").locale;
  const browser = useBrowserLocale();
  const locale = prefix ?? browser;
  return (
    <html lang={locale}>
      <head>
        <title>LiveCampus</title>
      </head>
      <body>
        <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone={TIME_ZONE}>
          <ErrorNotice />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
