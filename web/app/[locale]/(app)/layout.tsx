import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { getSessionUser } from "@/server/auth";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  // Each page here guards itself with requirePageUser(<its own path>): a layout cannot know the
  // path, and redirecting from here would send every visitor back to /courses after sign-in.
  const user = await getSessionUser();
  if (!user) return <>{children}</>;
  return <AppShell user={user}>{children}</AppShell>;
}
