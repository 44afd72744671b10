import "server-only";
import { getRealtimeService } from "@/server/realtime/publisher";
import { listOnlineUsers } from "@/server/services/online";
import { parseChannel, realtimeMessages } from "@/lib/realtime";

type WebhookEvent = { name?: string; channel?: string; user_id?: string };

const ONLINE_EVENTS = new Set([
  "member_added",
  "member_removed",
  "channel_vacated",
  "channel_occupied",
]);
const ONLINE_FAMILIES = new Set(["presence-course", "user"]);

/**
 * Someone came online or left (their private-user channel was occupied or vacated) or moved
 * between course pages (presence): tell the admin dashboard how many people are online now, so
 * its "online now" panel refreshes live. A failed publish is only logged (the panel also polls).
 */
export async function handleRealtimeWebhook(events: WebhookEvent[]): Promise<void> {
  const presenceChanged = events.some((e) => {
    const family = parseChannel(e.channel)?.family;
    return !!e.name && ONLINE_EVENTS.has(e.name) && !!family && ONLINE_FAMILIES.has(family);
  });
  if (!presenceChanged) return;
  try {
    const online = await listOnlineUsers();
    const result = await getRealtimeService().publish([
      realtimeMessages.statsUpdate({ role: "ADMIN", id: "admin" }, { onlineUsers: online.length }),
    ]);
    if (!result.ok) console.warn("[webhooks] could not publish online count:", result.error);
  } catch (error) {
    console.warn("[webhooks] presence refresh failed", error);
  }
}
