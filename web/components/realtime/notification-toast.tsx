"use client";
import { useCallback, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useLocalRouter } from "@/i18n/navigation";
import { toast } from "sonner";
import { notificationText } from "@/lib/notification-text";
import { useFormat } from "@/hooks/use-format";
import { useNotifications } from "@/hooks/use-notifications";
import { useNotificationList } from "@/hooks/data/use-notification-list";

/** How long a notification toast stays (the seed's 5 s); hovering pauses it. */
const TOAST_DURATION_MS = 5000;

type Toastable = {
  id: string;
  title: string;
  message: string;
  key?: string | null;
  params?: unknown;
  type: "success" | "error" | "warning" | "info";
  link?: string | null;
};

/**
 * Shows each new notification for `userId` as a toast: coloured by type, stacked, animated,
 * auto-dismissed after 5 s, closable with its X, reachable by keyboard (sonner's region is
 * aria-live; Alt+T focuses it). A click on "View" opens the link. The text is in the reader's
 * language when the notification has a message key (lib/notification-text.ts).
 *
 * Live ones come from `new-notification`. Ones created while this tab was offline (Pusher keeps
 * no history) show up when the stored list is revalidated after the reconnect: any unread
 * notification the tab has not seen yet is toasted then.
 */
export function NotificationToast({ userId }: { userId: string }) {
  const router = useLocalRouter();
  const t = useTranslations("notifications");
  const f = useFormat();
  const seen = useRef<Set<string> | null>(null);

  const show = useCallback(
    (n: Toastable, onGone?: () => void) => {
      seen.current?.add(n.id);
      const variant = {
        success: toast.success,
        error: toast.error,
        warning: toast.warning,
        info: toast.info,
      }[n.type];
      const text = notificationText(n, t, f);
      variant(text.title, {
        id: n.id,
        description: text.message,
        duration: TOAST_DURATION_MS,
        onDismiss: onGone,
        onAutoClose: onGone,
        ...(n.link && {
          action: { label: t("toast.view"), onClick: () => router.push(n.link!) },
        }),
        className: "livecampus-notification",
      });
    },
    [router, t, f],
  );

  const { dismissNotification } = useNotifications(userId, {
    onNotification: (n) => show(n, () => dismissNotification(n.id)),
  });

  const { data } = useNotificationList();
  useEffect(() => {
    if (!data) return;
    if (seen.current === null) {
      // What exists when the page loads is not news.
      seen.current = new Set(data.items.map((n) => n.id));
      return;
    }
    for (const item of [...data.items].reverse()) {
      if (seen.current.has(item.id)) continue;
      seen.current.add(item.id);
      if (!item.read) show(item);
    }
  }, [data, show]);

  return null;
}
