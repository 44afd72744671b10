import "server-only";
import { getDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { newId } from "@/server/ids";
import { insertWithEvents } from "@/server/outbox";
import { realtimeMessages } from "@/lib/realtime";
import type { SessionUser } from "@/server/auth";

const toView = (a: { id: string; title: string; message: string; createdAt: Date }) => ({
  id: a.id,
  title: a.title,
  message: a.message,
  timestamp: a.createdAt.toISOString(),
});

/**
 * An admin posts an announcement (POST /api/announcements): new-announcement to everyone. The
 * busiest write of a school's day reaches PostgreSQL as one statement with its events
 * (insertWithEvents): the row's id and time are chosen here, so its events are known up front.
 */
export async function postAnnouncement(
  admin: SessionUser,
  input: { title: string; message: string },
) {
  const view = toView({ ...input, id: newId(), createdAt: new Date() });
  await insertWithEvents(
    Prisma.sql`
      INSERT INTO "Announcement" ("id", "title", "message", "authorId", "createdAt")
      VALUES (${view.id}, ${view.title}, ${view.message}, ${admin.id},
              ${view.timestamp}::timestamp(3))`,
    [
      realtimeMessages.newAnnouncement(view),
      realtimeMessages.dashboardUpdate({ role: "ADMIN", id: admin.id }, "announcements"),
    ],
  );
  return view;
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
