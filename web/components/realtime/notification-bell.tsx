"use client";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useNotificationList } from "@/hooks/data/use-notification-list";

/** The header bell: unread count from the server, revalidated by every live notification. */
export function NotificationBell() {
  const t = useTranslations("notifications.bell");
  const { data } = useNotificationList();
  const unread = data?.unreadCount ?? 0;
  return (
    <Link
      href="/notifications"
      className="relative inline-flex h-8 w-8 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100"
      aria-label={t("label", { count: unread })}
      data-testid="notification-bell"
    >
      <svg
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        aria-hidden
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span
          className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-700 px-1 text-center text-[10px] leading-4 font-semibold text-white"
          data-testid="notification-count"
        >
          {unread > 99 ? t("overflow") : unread}
        </span>
      )}
    </Link>
  );
}
