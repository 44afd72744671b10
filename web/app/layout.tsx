import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { getSessionUser } from "@/server/auth";
import { getPublicRealtimeConfig } from "@/env";
import { getEventCursor } from "@/server/realtime/missed";
import "./globals.css";

export const metadata: Metadata = {
  title: "LiveCampus",
  description: "Courses, scores, attendance and payments — live.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Read before the page loads its data: the client replays from here on first subscription.
  const [user, initialCursor] = await Promise.all([
    getSessionUser(),
    // Without a cursor first subscriptions just do not replay; never fail the page for it.
    getEventCursor().catch(() => null),
  ]);
  return (
    <html lang="en">
      <body>
        <Providers
          realtimeConfig={getPublicRealtimeConfig()}
          user={user && { id: user.id, name: user.name, role: user.role }}
          initialCursor={initialCursor}
        >
          {children}
        </Providers>
      </body>
    </html>
  );
}
