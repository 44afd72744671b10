import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requirePageRole } from "@/server/guards";

export default async function StudentLayout({ children }: { children: ReactNode }) {
  const user = await requirePageRole("STUDENT");
  return <AppShell user={user}>{children}</AppShell>;
}
