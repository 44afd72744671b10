import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requirePageRole } from "@/server/guards";

export default async function TeacherLayout({ children }: { children: ReactNode }) {
  const user = await requirePageRole("TEACHER");
  return <AppShell user={user}>{children}</AppShell>;
}
