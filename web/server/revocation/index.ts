import "server-only";
// Rights revoked at once (docs/api.md, "Revocation"): every request's user is judged by
// their current state through a per-process cache; a change is written together with a
// NOTIFY that makes every app instance drop the user's entry, and after commit the user's
// realtime connections are closed so each channel is authorized again.
import { getServerEnv } from "@/env";
import { getDb, type Tx } from "@/server/db";
import { HttpError } from "@/server/errors";
import { getPusherServer } from "@/server/realtime/pusher-instance";
import { UserStateCache, type UserState } from "./cache";
import { USER_STATE_CHANNEL, UserStateListener } from "./listener";

/** A state lookup that takes longer is treated as the database being unreachable. */
const LOOKUP_TIMEOUT_MS = 1_500;
/** How long the request waits for the realtime server to close a user's connections. */
const TERMINATE_TIMEOUT_MS = 1_500;
/** NOTIFY payloads are limited to 8000 bytes: ids (25 chars + comma) per notification. */
const IDS_PER_NOTIFY = 300;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadUserState(userId: string): Promise<UserState | null> {
  return withTimeout(
    getDb().user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        active: true,
        sessionVersion: true,
        locale: true,
      },
    }),
    LOOKUP_TIMEOUT_MS,
    "user state lookup",
  );
}

const globalForState = globalThis as unknown as {
  livecampusUserState?: { cache: UserStateCache; listener: UserStateListener };
};

function instance() {
  if (!globalForState.livecampusUserState) {
    const cache = new UserStateCache(loadUserState);
    const listener = new UserStateListener(getServerEnv().DATABASE_URL, cache);
    globalForState.livecampusUserState = { cache, listener };
    listener.start();
  }
  return globalForState.livecampusUserState;
}

/**
 * The user's current state (null: no such user). 503 when the database cannot be asked and
 * nothing recent is known.
 */
export async function getUserState(userId: string): Promise<UserState | null> {
  try {
    return await instance().cache.get(userId);
  } catch (error) {
    console.error("[user-state] lookup failed", error);
    throw new HttpError(503, "unavailable", "The database is not reachable right now");
  }
}

/**
 * Inside the transaction that changes users' rights: tells every app instance, at commit, to
 * forget their cached state (NOTIFY is transactional: a rollback sends nothing).
 */
export async function queueUserStateChange(tx: Tx, userIds: string[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += IDS_PER_NOTIFY) {
    const payload = userIds.slice(i, i + IDS_PER_NOTIFY).join(",");
    await tx.$executeRaw`SELECT pg_notify(${USER_STATE_CHANNEL}, ${payload})`;
  }
}

/** After the commit of a change to users (their name, say): forgets their state here at once. */
export function forgetUserState(userIds: string[]): void {
  instance().cache.invalidate(userIds);
}

/**
 * Closes the users' realtime connections, so pusher-js re-subscribes and every channel is
 * authorized again under their current rights. A realtime server that is down or slow never
 * fails the request.
 */
export async function closeRealtimeConnections(userIds: string[]): Promise<void> {
  await Promise.all(
    userIds.map(async (userId) => {
      try {
        await withTimeout(
          getPusherServer().terminateUserConnections(userId),
          TERMINATE_TIMEOUT_MS,
          "terminating realtime connections",
        );
      } catch (error) {
        console.warn(`[user-state] could not close the realtime connections of ${userId}`, error);
      }
    }),
  );
}

/**
 * After the commit of a change to users' rights (deactivation, role, password): forgets their
 * state here at once (the NOTIFY reaches the other instances) and closes their connections.
 */
export async function afterRightsChanged(userIds: string[]): Promise<void> {
  forgetUserState(userIds);
  await closeRealtimeConnections(userIds);
}
