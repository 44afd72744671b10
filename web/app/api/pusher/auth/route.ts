// POST /api/pusher/auth – signs a private/presence subscription the catalog allows for the session
import { getSessionUser } from "@/server/auth";
import { errorResponse, json, route } from "@/server/http";
import { channelAccess, readAuthRequest } from "@/server/realtime/channel-auth";
import { getPusherServer } from "@/server/realtime/pusher-instance";
import { authorizeChannel } from "@/lib/realtime";
import { channelAuthBody } from "@/lib/validation";

export const POST = route(async (request) => {
  // Only a missing channel_name is a malformed body (400); any name sent, even "" or a very long
  // one, is a channel name the catalog does not allow: 403 (docs/realtime.md, "Channels and who may subscribe").
  const body = await readAuthRequest(request, channelAuthBody);
  const user = await getSessionUser();
  const decision = await authorizeChannel(user, body.channel_name, channelAccess);
  if (!decision.allow) {
    if (decision.reason === "lookup-failed") console.error("[pusher-auth] database lookup failed");
    const shown = JSON.stringify(body.channel_name.slice(0, 210));
    return errorResponse(
      403,
      "forbidden",
      `Not allowed to subscribe to ${shown} (${decision.reason})`,
    );
  }
  // presence channel_data comes from the session only; anything the client sent is ignored.
  return json(
    getPusherServer().authorizeChannel(body.socket_id, body.channel_name, decision.presence),
  );
});
