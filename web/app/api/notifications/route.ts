// GET /api/notifications – the caller's notifications, newest first, with the unread count
import { httpErrors, json, requireUser, route } from "@/server/http";
import { listNotifications } from "@/server/services/notifications";

export const GET = route(async (request) => {
  const user = await requireUser();
  const params = new URL(request.url).searchParams;
  const limit = Number(params.get("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw httpErrors.badRequest("limit: must be a whole number from 1 to 200");
  }
  const beforeParam = params.get("before");
  const before = beforeParam ? new Date(beforeParam) : undefined;
  if (before && Number.isNaN(before.getTime()))
    throw httpErrors.badRequest("before: must be an ISO date-time");
  return json(await listNotifications(user.id, { limit, before }));
});
