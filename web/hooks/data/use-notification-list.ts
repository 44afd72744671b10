"use client";
import useSWR from "swr";
import type { listNotifications } from "@/server/services/notifications";

/** The stored notifications; every key under it belongs to this resource. */
export const NOTIFICATIONS_KEY = "/api/notifications";

export type NotificationList = Awaited<ReturnType<typeof listNotifications>>;

/** The caller's stored notifications, newest first, with the unread count. */
export function useNotificationList(initial?: NotificationList) {
  return useSWR<NotificationList>(NOTIFICATIONS_KEY, { fallbackData: initial });
}
