import "server-only";
import { getDb } from "@/server/db";
import { getPusherServer } from "@/server/realtime/pusher-instance";
import { channelPrefix, parseChannel } from "@/lib/realtime";
import type { Role } from "@/lib/domain";

export type OnlineUser = {
  id: string;
  name: string;
  role: Role;
  courses: { id: string; title: string }[];
};

async function getJson<T>(path: string, params?: Record<string, string>): Promise<T> {
  const response = await getPusherServer().get({ path, params });
  return (await response.json()) as T;
}

/**
 * Who is online now: every signed-in tab listens on its user's private channel, so the occupied
 * ones are the users online; the members of the course presence channels say which course
 * pages they are on. Asked of the Pusher-protocol server through its standard HTTP API
 * (works with Soketi and Pusher cloud).
 */
export async function listOnlineUsers(): Promise<OnlineUser[]> {
  const [userChannels, presenceChannels] = await Promise.all([
    getJson<{ channels: Record<string, unknown> }>("/channels", {
      filter_by_prefix: channelPrefix("user"),
    }),
    getJson<{ channels: Record<string, unknown> }>("/channels", {
      filter_by_prefix: channelPrefix("presence-course"),
    }),
  ]);
  const byUser = new Map<string, Set<string>>();
  for (const name of Object.keys(userChannels.channels)) {
    const parsed = parseChannel(name);
    if (parsed?.family === "user") byUser.set(parsed.id, new Set());
  }
  await Promise.all(
    Object.keys(presenceChannels.channels).map(async (name) => {
      const parsed = parseChannel(name);
      if (parsed?.family !== "presence-course") return;
      const { users } = await getJson<{ users: { id: string }[] }>(`/channels/${name}/users`);
      for (const { id } of users) {
        if (!byUser.has(id)) byUser.set(id, new Set());
        byUser.get(id)!.add(parsed.id);
      }
    }),
  );
  if (byUser.size === 0) return [];
  const db = getDb();
  const courseIds = [...new Set([...byUser.values()].flatMap((s) => [...s]))];
  const [users, courses] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...byUser.keys()] } },
      select: { id: true, name: true, role: true },
    }),
    db.course.findMany({ where: { id: { in: courseIds } }, select: { id: true, title: true } }),
  ]);
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  return users
    .map((u) => ({
      ...u,
      courses: [...byUser.get(u.id)!].map((id) => ({ id, title: titles.get(id) ?? "" })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
