// Component tests render inside the language provider the pages have (app/[locale]/layout.tsx).
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { MESSAGES } from "@/messages";
import { TIME_ZONE, type Locale } from "@/i18n/locales";

export function IntlWrapper({ locale = "en", children }: { locale?: Locale; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone={TIME_ZONE}>
      {children}
    </NextIntlClientProvider>
  );
}
