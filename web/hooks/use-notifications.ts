"use client";
import { useCallback, useState } from "react";
import { channels, isCuid, type NotificationPayload } from "@/lib/realtime";
import { useChannelEvent } from "./use-channel-event";
import { NOTIFICATIONS_KEY } from "./data/use-notification-list";
import { useMutateResource } from "./data/use-mutate-resource";

type UseNotificationsOptions = {
  /** How many live notifications to keep (newest first). Default 20. */
  max?: number;
  /** Also called for each new notification (e.g. to show a toast). */
  onNotification?: (notification: NotificationPayload) => void;
};

/**
 * Live `new-notification` events on `private-user-{userId}`, newest first, until dismissed.
 * Each one also revalidates the stored list (every key under NOTIFICATIONS_KEY: the list and
 * unread count stay server state).
 */
export function useNotifications(
  userId: string | null | undefined,
  options: UseNotificationsOptions = {},
) {
  const [notifications, setNotifications] = useState<NotificationPayload[]>([]);
  const mutateResource = useMutateResource();
  const max = options.max ?? 20;
  const { onNotification } = options;

  useChannelEvent(
    isCuid(userId) ? channels.user(userId) : null,
    "new-notification",
    (notification) => {
      setNotifications((current) =>
        [notification, ...current.filter((n) => n.id !== notification.id)].slice(0, max),
      );
      void mutateResource(NOTIFICATIONS_KEY);
      onNotification?.(notification);
    },
  );

  /** Removes a notification from the live list (by id or the notification itself). */
  const dismissNotification = useCallback((notification: string | { id: string }) => {
    const id = typeof notification === "string" ? notification : notification.id;
    setNotifications((current) => current.filter((n) => n.id !== id));
  }, []);

  return { notifications, dismissNotification };
}
