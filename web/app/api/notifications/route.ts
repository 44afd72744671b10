// GET /api/notifications – the caller's notifications, newest first, with the unread count
import { json, readQuery, requireUser, route } from "@/server/http";
import { listNotifications } from "@/server/services/notifications";
import { notificationsQuery } from "@/lib/validation";

export const GET = route(async (request) => {
  const user = await requireUser();
  return json(await listNotifications(user.id, readQuery(request, notificationsQuery)));
});
