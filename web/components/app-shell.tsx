import { Link } from "@/i18n/navigation";
import type { ReactNode } from "react";
import type { SessionUser } from "@/server/auth";
import { signOutEverywhere } from "@/server/services/session";
import type { Role } from "@/lib/domain";
import { ConnectionIndicator } from "@/components/realtime/connection-indicator";
import { NotificationBell } from "@/components/realtime/notification-bell";
import { SessionGuard } from "@/components/session-guard";
import { AnnouncementBanner } from "@/components/realtime/announcement-banner";
import { AppHeader, type NavItem } from "@/components/app-header";

// One list per role: adding a page is adding one line here.
const NAV: Record<Role, NavItem[]> = {
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
    { href: "/admin/system", label: "System" },
    { href: "/notifications", label: "Notifications" },
  ],
};

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <SessionGuard>
      <div className="min-h-screen">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to main content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <AppHeader
            nav={NAV[user.role]}
            status={
              <>
                <ConnectionIndicator />
                <NotificationBell />
              </>
            }
            account={
              <>
                <span className="py-2 text-slate-700 md:py-0" data-testid="current-user">
                  {user.name}
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {user.role.toLowerCase()}
                  </span>
                </span>
                <Link
                  href="/account/password"
                  className="py-2 text-slate-700 hover:text-slate-900 md:py-0"
                >
                  Change password
                </Link>
                <form
                  action={async () => {
                    "use server";
                    await signOutEverywhere();
                  }}
                >
                  <button
                    type="submit"
                    className="py-2 text-slate-700 hover:text-slate-900 md:py-0"
                  >
                    Sign out
                  </button>
                </form>
              </>
            }
          />
        </header>
        <AnnouncementBanner />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
          {children}
        </main>
      </div>
    </SessionGuard>
  );
}
