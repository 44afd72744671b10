// POST /api/pusher/auth – signs a private/presence subscription the catalog allows for the session
import { getSessionUser } from "@/server/auth";
import { errorResponse, json, route } from "@/server/http";
import {
  authorizeSubscription,
  readAuthRequest,
  requestChannelAccess,
} from "@/server/realtime/channel-auth";
import { channelAuthBody } from "@/lib/validation";

export const POST = route(
  async (request) => {
    // Only a missing channel_name is a malformed body (400); any name sent, even "" or a very long
    // one, is a channel name the catalog does not allow: 403 (docs/realtime.md, "Channels and who may subscribe").
    const body = await readAuthRequest(request, channelAuthBody);
    const user = await getSessionUser();
    const access = requestChannelAccess(user?.id, [body.channel_name]);
    const answer = await authorizeSubscription(user, body.socket_id, body.channel_name, access);
    if (answer.status !== 200)
      return errorResponse(answer.status, answer.error.code, answer.error.message);
    // presence channel_data comes from the session only; anything the client sent is ignored.
    return json(answer.body);
  },
  { accepts: ["form", "json", "text"] },
);
