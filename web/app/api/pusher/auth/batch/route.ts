// POST /api/pusher/auth/batch – signs several subscriptions of one socket, each judged like POST /api/pusher/auth
import { getSessionUser } from "@/server/auth";
import { errorResponse, json, route } from "@/server/http";
import { authorizeChannelBatch, readBatchAuthRequest } from "@/server/realtime/channel-auth-batch";

export const POST = route(async (request) => {
  const body = await readBatchAuthRequest(request);
  const user = await getSessionUser();
  // Signed out: one answer for the whole request, so the client knows to sign in again.
  if (!user) return errorResponse(401, "unauthenticated", "Sign in first");
  return json({ channels: await authorizeChannelBatch(user, body.socket_id, body.channels) });
});
