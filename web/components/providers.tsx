"use client";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { Toaster } from "sonner";
import type { PublicRealtimeConfig } from "@/env";
import type { UserIdentity } from "@/lib/domain";
import { fetchJson } from "@/lib/fetch-json";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { NotificationToast } from "@/components/realtime/notification-toast";
import { AnnouncementBanner } from "@/components/realtime/announcement-banner";

/**
 * Client-side context for every page: SWR (server state), the tab's one realtime connection,
 * the toaster, live notifications for the signed-in user and the announcement banner.
 */
export function Providers({
  children,
  realtimeConfig,
  user,
  initialCursor = null,
}: {
  children: ReactNode;
  realtimeConfig: PublicRealtimeConfig;
  user: UserIdentity | null;
  /** Newest event id when the page was rendered (the realtime client replays from it). */
  initialCursor?: string | null;
}) {
  return (
    <SWRConfig value={{ fetcher: fetchJson, revalidateOnFocus: true }}>
      <RealtimeProvider config={realtimeConfig} user={user} initialCursor={initialCursor}>
        <AnnouncementBanner />
        {children}
        {user && <NotificationToast userId={user.id} />}
        <Toaster
          position="top-right"
          offset={64}
          richColors
          closeButton
          duration={5000}
          visibleToasts={5}
        />
      </RealtimeProvider>
    </SWRConfig>
  );
}
