import Link from "next/link";
import type { ReactNode } from "react";
import type { SessionUser } from "@/server/auth";
import { signOutEverywhere } from "@/server/services/session";
import type { Role } from "@/lib/domain";
import { ConnectionIndicator } from "@/components/realtime/connection-indicator";
import { NotificationBell } from "@/components/realtime/notification-bell";
import { SessionGuard } from "@/components/session-guard";

const NAV: Record<Role, { href: string; label: string }[]> = {
  STUDENT: [
    { href: "/student", label: "Dashboard" },
    { href: "/courses", label: "Courses" },
    { href: "/notifications", label: "Notifications" },
  ],
  TEACHER: [
    { href: "/teacher", label: "Dashboard" },
    { href: "/courses", label: "Courses" },
    { href: "/notifications", label: "Notifications" },
  ],
  ADMIN: [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/courses", label: "Courses" },
    { href: "/notifications", label: "Notifications" },
  ],
};

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <SessionGuard>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
            <Link href="/" className="text-lg font-semibold text-brand-700">
              LiveCampus
            </Link>
            <nav className="flex gap-4 text-sm" aria-label="Main">
              {NAV[user.role].map((item) => (
                <Link
                  key={item.href}
                  href={item.href}
                  className="text-slate-600 hover:text-slate-900"
                >
                  {item.label}
                </Link>
              ))}
            </nav>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <ConnectionIndicator />
              <NotificationBell />
              <span className="text-slate-700" data-testid="current-user">
                {user.name}
                <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                  {user.role.toLowerCase()}
                </span>
              </span>
              <Link href="/account/password" className="text-slate-600 hover:text-slate-900">
                Change password
              </Link>
              <form
                action={async () => {
                  "use server";
                  await signOutEverywhere();
                }}
              >
                <button type="submit" className="text-slate-600 hover:text-slate-900">
                  Sign out
                </button>
              </form>
            </div>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </div>
    </SessionGuard>
  );
}
