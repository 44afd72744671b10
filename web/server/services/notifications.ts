import "server-only";
import { getDb, type Tx } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { realtimeMessages } from "@/lib/realtime";
import type { EventSink } from "@/server/outbox";
import { transactionWithEvents } from "@/server/outbox";
import { pageArgs, toPage } from "@/server/services/paging";
import type { Prisma } from "@/server/generated/prisma/client";
import type { NotificationKey, NotificationParams } from "@/lib/notification-text";

export type NotificationType = "success" | "error" | "warning" | "info";
export type NewNotification = {
  /** English, as the contract's event and API carry it. */
  title: string;
  message: string;
  /**
   * The same text as a key of web/messages/{en,de}/notifications.json ("events") and the raw values
   * it is made from (amounts in cents, points as numbers), so each reader sees it in their
   * language (web/lib/notification-text.ts).
   */
  key: NotificationKey;
  params: NotificationParams;
  type: NotificationType;
  link?: string;
};

/**
 * Stores a durable notification and queues its `new-notification` event in the same
 * transaction, so the inbox and the live toast can never disagree.
 */
export async function notify(tx: Tx, events: EventSink, userId: string, input: NewNotification) {
  const row = await tx.notification.create({
    data: { userId, ...input, link: input.link ?? null },
  });
  events.add(
    realtimeMessages.notification(userId, {
      id: row.id,
      title: row.title,
      message: row.message,
      type: row.type,
      link: row.link,
      key: row.key,
      params: input.params,
    }),
  );
  return row;
}

/** Stored parameters as the API shows them: a flat object of plain values, else null. */
function toParams(value: Prisma.JsonValue | null): NotificationParams | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const flat = Object.entries(value).every(
    ([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v),
  );
  return flat ? (value as NotificationParams) : null;
}

const toItem = (n: {
  id: string;
  title: string;
  message: string;
  key: string | null;
  params: Prisma.JsonValue | null;
  type: NotificationType;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}) => ({
  id: n.id,
  title: n.title,
  message: n.message,
  type: n.type,
  link: n.link,
  read: n.readAt !== null,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
  // The text's key and raw values for the reader's language; null on rows written before.
  key: n.key,
  params: toParams(n.params),
});

/**
 * The caller's notifications, newest first (GET /api/notifications), a page at a time: after
 * the notification `cursor`, or created before `before`; `nextCursor` names the next page.
 */
export async function listNotifications(
  userId: string,
  options: { limit: number; before?: Date; cursor?: string },
) {
  const db = getDb();
  const [rows, unreadCount] = await Promise.all([
    db.notification.findMany({
      where: { userId, ...(options.before && { createdAt: { lt: options.before } }) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(options),
    }),
    db.notification.count({ where: { userId, readAt: null } }),
  ]);
  return { ...toPage(rows, options.limit, toItem), unreadCount };
}

/** Marks one of the caller's notifications read; someone else's id is answered 404. */
export async function markRead(userId: string, id: string) {
  return transactionWithEvents(async (tx, events) => {
    const found = await tx.notification.findFirst({ where: { id, userId } });
    if (!found) throw httpErrors.notFound("Notification");
    const row = found.readAt
      ? found
      : await tx.notification.update({ where: { id }, data: { readAt: new Date() } });
    if (!found.readAt) events.add(realtimeMessages.dashboardUpdate(userId, "notifications"));
    const unreadCount = await tx.notification.count({ where: { userId, readAt: null } });
    return { item: toItem(row), unreadCount };
  });
}

/** Marks all of the caller's notifications read. */
export async function markAllRead(userId: string) {
  return transactionWithEvents(async (tx, events) => {
    const { count } = await tx.notification.updateMany({
      where: { userId, readAt: null },
      data: { readAt: new Date() },
    });
    if (count > 0) events.add(realtimeMessages.dashboardUpdate(userId, "notifications"));
    return { updated: count, unreadCount: 0 };
  });
}
