import "server-only";
import { getServerEnv } from "@/env";
import { getDb } from "@/server/db";
import { checkHealth, HEALTH_PARTS, type HealthPart, type Probe } from "@/server/health";
import { getPusherServer } from "@/server/realtime/pusher-instance";
import { scrapeSoketi, type SoketiSnapshot } from "@/server/services/soketi-metrics";
import { channelPrefix, parseChannel } from "@/lib/realtime";

/** One point of the System page's chart. */
export type SystemSample = {
  at: string;
  connections: number | null;
  messagesPerMinute: number | null;
  backlog: number | null;
};

export type SystemStatus = {
  checkedAt: string;
  health: Record<HealthPart, Probe>;
  outbox: {
    unsent: number;
    oldestUnsent: { id: string; event: string; createdAt: string } | null;
    lastError: { id: string; event: string; error: string; at: string } | null;
  } | null;
  soketi: (SoketiSnapshot & { messagesPerMinute: number | null }) | null;
  presence: { courseId: string; title: string; members: number }[] | null;
  history: SystemSample[];
};

const SAMPLE_MS = 30_000;
const HISTORY_MS = 3600_000;

type Sampler = {
  history: SystemSample[];
  last?: { at: number; messages: number };
  timer?: NodeJS.Timeout;
};
const globalForSystem = globalThis as unknown as { livecampusSystem?: Sampler };

function sampler(): Sampler {
  globalForSystem.livecampusSystem ??= { history: [] };
  return globalForSystem.livecampusSystem;
}

/** Messages per minute since the previous scrape (null on the first, or after a restart). */
function messageRate(state: Sampler, snapshot: SoketiSnapshot, now: number): number | null {
  const messages = snapshot.messagesSent + snapshot.messagesReceived;
  const previous = state.last;
  state.last = { at: now, messages };
  if (!previous || messages < previous.messages || now - previous.at < 1000) return null;
  return Math.round(((messages - previous.messages) * 60_000) / (now - previous.at));
}

async function outboxStatus(): Promise<SystemStatus["outbox"]> {
  const db = getDb();
  const [unsent, oldest, failed] = await Promise.all([
    db.outboxEvent.count({ where: { sentAt: null } }),
    db.outboxEvent.findFirst({
      where: { sentAt: null },
      orderBy: { seq: "asc" },
      select: { id: true, event: true, createdAt: true },
    }),
    db.outboxEvent.findFirst({
      where: { sentAt: null, lastError: { not: null } },
      orderBy: { nextAttemptAt: "desc" },
      select: { id: true, event: true, lastError: true, nextAttemptAt: true },
    }),
  ]);
  return {
    unsent,
    oldestUnsent: oldest && { ...oldest, createdAt: oldest.createdAt.toISOString() },
    lastError: failed && {
      id: failed.id,
      event: failed.event,
      error: failed.lastError ?? "",
      at: failed.nextAttemptAt.toISOString(),
    },
  };
}

/** Members of each course's presence channel, from the realtime server's HTTP API. */
async function presencePerCourse(): Promise<SystemStatus["presence"]> {
  const response = await getPusherServer().get({
    path: "/channels",
    params: {
      filter_by_prefix: channelPrefix("presence-course"),
      info: "user_count,subscription_count",
    },
  });
  const body = (await response.json()) as {
    channels?: Record<string, { user_count?: number; subscription_count?: number }>;
  };
  const counts = new Map<string, number>();
  for (const [name, info] of Object.entries(body.channels ?? {})) {
    const parsed = parseChannel(name);
    // Soketi answers info=user_count with subscription_count (one per subscribed socket).
    if (parsed?.family === "presence-course")
      counts.set(parsed.id, info.user_count ?? info.subscription_count ?? 0);
  }
  if (counts.size === 0) return [];
  const courses = await getDb().course.findMany({
    where: { id: { in: [...counts.keys()] } },
    select: { id: true, title: true },
  });
  return courses
    .map((c) => ({ courseId: c.id, title: c.title, members: counts.get(c.id) ?? 0 }))
    .sort((a, b) => b.members - a.members);
}

const orNull = <T>(work: Promise<T>) => work.catch(() => null);

/** Everything the System page shows, plus a new chart point (at most one per 30 s). */
export async function getSystemStatus(): Promise<SystemStatus> {
  const state = sampler();
  const now = Date.now();
  const [report, outbox, snapshot, presence] = await Promise.all([
    checkHealth(),
    orNull(outboxStatus()),
    orNull(scrapeSoketi(getServerEnv().SOKETI_METRICS_URL)),
    orNull(presencePerCourse()),
  ]);
  const soketi = snapshot && { ...snapshot, messagesPerMinute: messageRate(state, snapshot, now) };
  const lastAt = state.history.at(-1) ? Date.parse(state.history.at(-1)!.at) : 0;
  if (now - lastAt >= SAMPLE_MS) {
    state.history.push({
      at: new Date(now).toISOString(),
      connections: soketi?.configured && soketi.nodesUp > 0 ? soketi.connections : null,
      messagesPerMinute: soketi?.messagesPerMinute ?? null,
      backlog: outbox?.unsent ?? null,
    });
    while (state.history.length > 0 && now - Date.parse(state.history[0]!.at) > HISTORY_MS)
      state.history.shift();
  }
  startSampling(state);
  const health = Object.fromEntries(HEALTH_PARTS.map((part) => [part, report[part]])) as Record<
    HealthPart,
    Probe
  >;
  return {
    checkedAt: new Date(now).toISOString(),
    health,
    outbox,
    soketi,
    presence,
    history: [...state.history],
  };
}

/** Keeps the chart's hour filled while nobody looks (started by the first look). */
function startSampling(state: Sampler) {
  if (state.timer) return;
  state.timer = setInterval(() => void getSystemStatus().catch(() => {}), SAMPLE_MS);
  state.timer.unref();
}
