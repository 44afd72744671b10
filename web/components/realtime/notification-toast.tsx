"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { NotificationPayload } from "@/lib/realtime";
import { useNotifications } from "@/hooks/use-notifications";

/** How long a notification toast stays (the seed's 5 s); hovering pauses it. */
export const TOAST_DURATION_MS = 5000;

/**
 * Shows each live `new-notification` for `userId` as a toast: coloured by type, stacked,
 * animated, auto-dismissed after 5 s, closable with its X or Escape-able via keyboard focus
 * (sonner's region is aria-live and reachable with Alt+T). A click opens the link.
 */
export function NotificationToast({ userId }: { userId: string }) {
  const router = useRouter();
  const { dismissNotification } = useNotifications(userId, {
    onNotification: (n: NotificationPayload) => {
      const show = {
        success: toast.success,
        error: toast.error,
        warning: toast.warning,
        info: toast.info,
      }[n.type];
      show(n.title, {
        id: n.id,
        description: n.message,
        duration: TOAST_DURATION_MS,
        onDismiss: () => dismissNotification(n.id),
        onAutoClose: () => dismissNotification(n.id),
        ...(n.link && {
          action: {
            label: "View",
            onClick: () => router.push(n.link!),
          },
        }),
        className: "livecampus-notification",
      });
    },
  });
  return null;
}
