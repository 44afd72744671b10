import "server-only";
import { channelPrefix, parseChannel, realtimeMessages } from "@/lib/realtime";
import { enqueueEvents } from "@/server/outbox";
import { getPusherServer } from "@/server/realtime/pusher-instance";

// "Online now" on the admin dashboard is driven by Soketi's webhooks, and Soketi never retries a
// webhook: one lost POST (web restarting, a proxy hiccup) would leave the panel wrong. So the
// count also heals by itself from Soketi's HTTP API on a timer. Both paths cost two HTTP calls
// whatever the number of channels (never one per presence channel), and a burst of webhooks
// is coalesced into at most one more count.

/** How often the count is checked against Soketi when no webhook arrives. */
export const RECONCILE_INTERVAL_MS = 30_000;
/** At most one count per this period per process (a Soketi restart brings every tab back). */
const MIN_REFRESH_INTERVAL_MS = 1000;

type ChannelList = { channels: Record<string, { user_count?: number }> };

async function list(prefix: string, info?: string): Promise<ChannelList> {
  const params: Record<string, string> = { filter_by_prefix: prefix };
  if (info) params.info = info;
  const response = await getPusherServer().get({ path: "/channels", params });
  return (await response.json()) as ChannelList;
}

/**
 * Who is online, in two calls: every signed-in tab listens on its private user channel (the
 * occupied ones are the users online); the members per course presence channel tell where
 * they are. `signature` changes when either does.
 */
export async function onlineSnapshot(): Promise<{ count: number; signature: string }> {
  const [users, presence] = await Promise.all([
    list(channelPrefix("user")),
    list(channelPrefix("presence-course"), "user_count"),
  ]);
  const online = Object.keys(users.channels).filter((n) => parseChannel(n)?.family === "user");
  const rooms = Object.entries(presence.channels)
    .filter(([name]) => parseChannel(name)?.family === "presence-course")
    .map(([name, info]) => `${name}=${info.user_count ?? 0}`);
  return { count: online.length, signature: [...online.sort(), ...rooms.sort()].join(",") };
}

let running: Promise<void> | undefined;
let again = false;
/** Callers whose change arrived during a count: settled by the count after it. */
let waiting: Array<() => void> = [];
let lastStarted = 0;
let lastSignature: string | undefined;

async function publish(onlyIfChanged: boolean): Promise<void> {
  try {
    const { count, signature } = await onlineSnapshot();
    if (onlyIfChanged && signature === lastSignature) return;
    lastSignature = signature;
    await enqueueEvents(
      realtimeMessages.statsUpdate({ role: "ADMIN", id: "admin" }, { onlineUsers: count }),
    );
  } catch (error) {
    console.warn("[online] presence refresh failed", error);
  }
}

/**
 * Publishes the online count (stats-update on the admin dashboard, through the outbox).
 * `onlyIfChanged`: only when Soketi's view differs from the last one published (the timer).
 * Coalesced: while a count runs, further calls ask for one more run after it, not one each.
 * Each call settles once a count that started after it is done, never later: a steady stream
 * of webhooks (a Soketi restart bringing every tab back) must not hold each one open.
 */
export function refreshOnlineCount(options: { onlyIfChanged?: boolean } = {}): Promise<void> {
  if (running) {
    if (options.onlyIfChanged) return running;
    again = true;
    return new Promise<void>((resolve) => waiting.push(resolve));
  }
  running = (async () => {
    try {
      let onlyIfChanged = options.onlyIfChanged ?? false;
      do {
        again = false;
        const served = waiting;
        waiting = [];
        const wait = lastStarted + MIN_REFRESH_INTERVAL_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lastStarted = Date.now();
        await publish(onlyIfChanged);
        onlyIfChanged = false;
        for (const resolve of served) resolve();
      } while (again);
    } finally {
      running = undefined;
      // Nothing is left waiting: `again` is set together with every push.
      for (const resolve of waiting.splice(0)) resolve();
    }
  })();
  return running;
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Starts the healing timer once per process (server start). */
export function startOnlineReconciler(intervalMs = RECONCILE_INTERVAL_MS): void {
  if (timer) return;
  timer = setInterval(() => void refreshOnlineCount({ onlyIfChanged: true }), intervalMs);
  timer.unref();
}
