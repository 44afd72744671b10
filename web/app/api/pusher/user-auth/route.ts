// POST /api/pusher/user-auth – signs pusher:signin for the session user (lets the server reach/terminate them)
import { getSessionUser } from "@/server/auth";
import { errorResponse, json, route } from "@/server/http";
import { readAuthRequest } from "@/server/realtime/channel-auth";
import { getPusherServer } from "@/server/realtime/pusher-instance";
import { userDataFor } from "@/lib/realtime";
import { userAuthBody } from "@/lib/validation";

export const POST = route(
  async (request) => {
    const body = await readAuthRequest(request, userAuthBody);
    const user = await getSessionUser();
    if (!user) return errorResponse(403, "forbidden", "Sign in first");
    return json(getPusherServer().authenticateUser(body.socket_id, userDataFor(user)));
  },
  { accepts: ["form", "json", "text"] },
);
