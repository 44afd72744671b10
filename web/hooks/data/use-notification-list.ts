"use client";
import useSWR from "swr";
import { PAGE_SIZE } from "@/lib/list-validation";
import { usePagedList } from "./use-paged-list";
import type { listNotifications } from "@/server/services/notifications";

/** The stored notifications; every key under it belongs to this resource. */
export const NOTIFICATIONS_KEY = "/api/notifications";

export type NotificationList = Awaited<ReturnType<typeof listNotifications>>;

/** The caller's stored notifications, newest first, with the unread count. */
export function useNotificationList(initial?: NotificationList) {
  return useSWR<NotificationList>(NOTIFICATIONS_KEY, { fallbackData: initial });
}

type NotificationItem = NotificationList["items"][number];

/** The same notifications a page at a time, with "load more" (docs/api.md, "Paging"). */
export function useNotificationPages(options: {
  initial?: readonly NotificationItem[];
  version?: unknown;
}) {
  return usePagedList<NotificationItem>(
    `${NOTIFICATIONS_KEY}?limit=${PAGE_SIZE.notifications}`,
    options,
  );
}
