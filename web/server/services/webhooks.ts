import "server-only";
import { enqueueEvents } from "@/server/outbox";
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
 * At most one online count per this period per process: a Soketi restart brings every tab
 * back at once (thousands of webhooks), and each count costs calls to Soketi and a log row.
 */
const MIN_REFRESH_INTERVAL_MS = 1000;

let running: Promise<void> | undefined;
let again = false;
let lastStarted = 0;

/** Counts who is online and publishes it through the outbox (an id and a place in the log). */
async function publishOnlineCount(): Promise<void> {
  try {
    const online = await listOnlineUsers();
    await enqueueEvents(
      realtimeMessages.statsUpdate({ role: "ADMIN", id: "admin" }, { onlineUsers: online.length }),
    );
  } catch (error) {
    console.warn("[webhooks] presence refresh failed", error);
  }
}

// Coalesces: while a count runs, further webhooks ask for one more run after it (not one each).
function refreshOnlineCount(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const wait = lastStarted + MIN_REFRESH_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lastStarted = Date.now();
        await publishOnlineCount();
      } while (again);
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/**
 * Someone came online or left (their private-user channel was occupied or vacated) or moved
 * between course pages (presence): tell the admin dashboard how many people are online now, so
 * its "online now" panel refreshes live. A failure is only logged (the panel also polls).
 */
export async function handleRealtimeWebhook(events: WebhookEvent[]): Promise<void> {
  const presenceChanged = events.some((e) => {
    const family = parseChannel(e.channel)?.family;
    return !!e.name && ONLINE_EVENTS.has(e.name) && !!family && ONLINE_FAMILIES.has(family);
  });
  if (presenceChanged) await refreshOnlineCount();
}
