"use client";
import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import type { PublicRealtimeConfig } from "@/env";
import type { UserIdentity } from "@/lib/domain";
import { fetchJson } from "@/lib/fetch-json";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { NotificationToast } from "@/components/realtime/notification-toast";
import { Toaster } from "@/components/ui/toaster";

/**
 * Client-side context for every page: SWR (server state), the tab's one realtime connection,
 * the toaster and live notifications for the signed-in user (announcements: AppShell, signed in
 * only).
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
        {children}
        {user && <NotificationToast userId={user.id} />}
        <Toaster />
      </RealtimeProvider>
    </SWRConfig>
  );
}
