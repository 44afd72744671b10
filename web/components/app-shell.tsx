import { Link } from "@/i18n/navigation";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/server/auth";
import { signOutEverywhere } from "@/server/services/session";
import type { Role } from "@/lib/domain";
import { ConnectionIndicator } from "@/components/realtime/connection-indicator";
import { NotificationBell } from "@/components/realtime/notification-bell";
import { SessionGuard } from "@/components/session-guard";
import { AnnouncementBanner } from "@/components/realtime/announcement-banner";
import { AppHeader } from "@/components/app-header";

type NavKey = "dashboard" | "courses" | "notifications" | "users" | "system";

// One list per role: adding a page is adding one line here (its label: shell.nav.<key>).
const NAV: Record<Role, readonly { href: string; key: NavKey }[]> = {
  STUDENT: [
    { href: "/student", key: "dashboard" },
    { href: "/courses", key: "courses" },
    { href: "/notifications", key: "notifications" },
  ],
  TEACHER: [
    { href: "/teacher", key: "dashboard" },
    { href: "/courses", key: "courses" },
    { href: "/notifications", key: "notifications" },
  ],
  ADMIN: [
    { href: "/admin", key: "dashboard" },
    { href: "/admin/users", key: "users" },
    { href: "/admin/courses", key: "courses" },
    { href: "/admin/system", key: "system" },
    { href: "/notifications", key: "notifications" },
  ],
};

export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const t = await getTranslations("shell");
  return (
    <SessionGuard>
      <div className="min-h-screen">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          {t("skipToContent")}
        </a>
        <header className="border-b border-slate-200 bg-white">
          <AppHeader
            nav={NAV[user.role].map(({ href, key }) => ({ href, label: t(`nav.${key}`) }))}
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
                    {t(`roles.${user.role}`)}
                  </span>
                </span>
                <Link href="/account" className="py-2 text-slate-700 hover:text-slate-900 md:py-0">
                  {t("account.account")}
                </Link>
                <Link
                  href="/account/password"
                  className="py-2 text-slate-700 hover:text-slate-900 md:py-0"
                >
                  {t("account.changePassword")}
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
                    {t("account.signOut")}
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
