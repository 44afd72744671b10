import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { getSessionUser } from "@/server/auth";
import { getPublicRealtimeConfig } from "@/env";
import "./globals.css";

export const metadata: Metadata = {
  title: "LiveCampus",
  description: "Courses, scores, attendance and payments — live.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <html lang="en">
      <body>
        <Providers
          realtimeConfig={getPublicRealtimeConfig()}
          user={user && { id: user.id, name: user.name, role: user.role }}
        >
          {children}
        </Providers>
      </body>
    </html>
  );
}
