"use client";
import { useCallback, useState } from "react";
import { useSWRConfig } from "swr";
import { channels, isCuid, type NotificationPayload } from "@/lib/realtime";
import { useChannelEvent } from "./use-channel-event";

export type UseNotificationsOptions = {
  /** How many live notifications to keep (newest first). Default 20. */
  max?: number;
  /** Also called for each new notification (e.g. to show a toast). */
  onNotification?: (notification: NotificationPayload) => void;
};

/**
 * Live `new-notification` events on `private-user-{userId}`, newest first, until dismissed.
 * Each one also revalidates the SWR keys under `/api/notifications` (the stored list and
 * unread count stay server state).
 */
export function useNotifications(
  userId: string | null | undefined,
  options: UseNotificationsOptions = {},
) {
  const [notifications, setNotifications] = useState<NotificationPayload[]>([]);
  const { mutate } = useSWRConfig();
  const max = options.max ?? 20;
  const { onNotification } = options;

  useChannelEvent(
    isCuid(userId) ? channels.user(userId) : null,
    "new-notification",
    (notification) => {
      setNotifications((current) =>
        [notification, ...current.filter((n) => n.id !== notification.id)].slice(0, max),
      );
      void mutate((key) => typeof key === "string" && key.startsWith("/api/notifications"));
      onNotification?.(notification);
    },
  );

  /** Removes a notification from the live list (by id or the notification itself). */
  const dismissNotification = useCallback((notification: string | { id: string }) => {
    const id = typeof notification === "string" ? notification : notification.id;
    setNotifications((current) => current.filter((n) => n.id !== id));
  }, []);

  const clearNotifications = useCallback(() => setNotifications([]), []);

  return { notifications, dismissNotification, clearNotifications };
}
