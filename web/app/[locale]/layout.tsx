import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { Providers } from "@/components/providers";
import { getSessionUser } from "@/server/auth";
import { getPublicRealtimeConfig } from "@/env";
import { getEventCursor } from "@/server/realtime/missed";
import { isLocale, TIME_ZONE } from "@/i18n/locales";
import "../globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return { title: "LiveCampus", description: t("description") };
}

export default async function RootLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  // next.config.ts rewrites every unprefixed page path to a language, so only these arrive.
  if (!isLocale((await params).locale)) notFound();
  // Read before the page loads its data: the client replays from here on first subscription.
  const [user, initialCursor, locale, messages] = await Promise.all([
    getSessionUser(),
    // Without a cursor first subscriptions just do not replay; never fail the page for it.
    getEventCursor().catch(() => null),
    getLocale(),
    getMessages(),
  ]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider locale={locale} messages={messages} timeZone={TIME_ZONE}>
          <Providers
            realtimeConfig={getPublicRealtimeConfig()}
            user={user && { id: user.id, name: user.name, role: user.role }}
            initialCursor={initialCursor}
          >
            {children}
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
