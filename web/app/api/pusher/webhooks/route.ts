// POST /api/pusher/webhooks – Soketi's channel and presence webhooks (signed with the app secret)
import { errorResponse, json, readBodyText, route } from "@/server/http";
import { getPusherServer } from "@/server/realtime/pusher-instance";
import { handleRealtimeWebhook } from "@/server/services/webhooks";

export const POST = route(async (request) => {
  const rawBody = await readBodyText(request);
  const webhook = getPusherServer().webhook({
    headers: {
      "x-pusher-key": request.headers.get("x-pusher-key") ?? "",
      "x-pusher-signature": request.headers.get("x-pusher-signature") ?? "",
      "content-type": request.headers.get("content-type") ?? "",
    },
    rawBody,
  });
  if (!webhook.isValid())
    return errorResponse(401, "invalid_signature", "Bad or missing X-Pusher-Signature");
  let events;
  try {
    events = webhook.getEvents();
  } catch {
    return errorResponse(400, "bad_request", "Webhook body must be JSON with an events array");
  }
  await handleRealtimeWebhook(events);
  return json({ ok: true });
});
