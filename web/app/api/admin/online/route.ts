// GET /api/admin/online – who is online now (members of the course presence channels)
import { HttpError, json, requireUser, route } from "@/server/http";
import { listOnlineUsers } from "@/server/services/online";

export const GET = route(async () => {
  await requireUser("ADMIN");
  try {
    return json(await listOnlineUsers());
  } catch (error) {
    console.warn("[online] realtime server unavailable", error);
    throw new HttpError(
      503,
      "realtime_unavailable",
      "The realtime server is not reachable right now",
    );
  }
});
