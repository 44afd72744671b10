import "server-only";
import { getDb } from "@/server/db";
import { transactionWithEvents } from "@/server/outbox";
import { realtimeMessages } from "@/lib/realtime";
import type { SessionUser } from "@/server/auth";

const toView = (a: { id: string; title: string; message: string; createdAt: Date }) => ({
  id: a.id,
  title: a.title,
  message: a.message,
  timestamp: a.createdAt.toISOString(),
});

/** An admin posts an announcement (POST /api/announcements): new-announcement to everyone. */
export async function postAnnouncement(
  admin: SessionUser,
  input: { title: string; message: string },
) {
  return transactionWithEvents(async (tx, events) => {
    const row = await tx.announcement.create({ data: { ...input, authorId: admin.id } });
    events.add(
      realtimeMessages.newAnnouncement({
        id: row.id,
        title: row.title,
        message: row.message,
        timestamp: row.createdAt,
      }),
    );
    events.add(realtimeMessages.dashboardUpdate({ role: "ADMIN", id: admin.id }, "announcements"));
    return toView(row);
  });
}

/** Announcements of the last `days` days, newest first (the banner's initial state). */
export async function recentAnnouncements(days = 7, limit = 5) {
  const rows = await getDb().announcement.findMany({
    where: { createdAt: { gte: new Date(Date.now() - days * 86_400_000) } },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return rows.map(toView);
}
