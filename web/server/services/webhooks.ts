import "server-only";
import { parseChannel } from "@/lib/realtime";
import { refreshOnlineCount } from "@/server/realtime/online-reconcile";

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
 * its "online now" panel refreshes live. A failure is only logged; a lost webhook is healed by
 * the reconciler (online-reconcile.ts).
 */
export async function handleRealtimeWebhook(events: WebhookEvent[]): Promise<void> {
  const presenceChanged = events.some((e) => {
    const family = parseChannel(e.channel)?.family;
    return !!e.name && ONLINE_EVENTS.has(e.name) && !!family && ONLINE_FAMILIES.has(family);
  });
  if (presenceChanged) await refreshOnlineCount();
}
