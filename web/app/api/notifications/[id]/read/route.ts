// POST /api/notifications/[id]/read – the owner marks one notification read
import { json, parseId, requireUser, route } from "@/server/http";
import { markRead } from "@/server/services/notifications";

export const POST = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const user = await requireUser();
  return json(await markRead(user.id, parseId((await params).id, "Notification")));
});
