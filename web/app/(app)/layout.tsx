import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requirePageUser } from "@/server/guards";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("/courses");
  return <AppShell user={user}>{children}</AppShell>;
}
