// POST /api/notifications/read-all – the caller marks all their notifications read
import { json, requireUser, route } from "@/server/http";
import { markAllRead } from "@/server/services/notifications";

export const POST = route(async () => {
  const user = await requireUser();
  return json(await markAllRead(user.id));
});
