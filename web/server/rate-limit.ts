import "server-only";
import { getDb } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { SharedWindowCounter, type FlushCounts } from "@/server/window-counter";

/** Contract §10: more than this many failed sign-ins for one key within the window → 429. */
export const SIGN_IN_FAILURE_LIMIT = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/**
 * Per signed-in user and minute. Generous on purpose: a school's 5,000 tabs behind one NAT are
 * 5,000 users, and one user's tabs reconnecting at once authorize a few dozen channels each.
 */
export const USER_LIMITS = {
  realtime: { perMinute: 1200 },
  write: { perMinute: 300 },
} as const;

export type UserLimit = keyof typeof USER_LIMITS;

/** The throttling keys of one sign-in attempt: the account and the client address. */
export function signInKeys(email: string, clientAddress: string | null): string[] {
  const keys = [`account:${email.trim().toLowerCase()}`];
  if (clientAddress) keys.push(`ip:${clientAddress}`);
  return keys;
}

/**
 * Seconds until a sign-in under these keys is allowed again, or 0 when it is allowed now: a key
 * is blocked while it has SIGN_IN_FAILURE_LIMIT failures in the window, until the oldest of
 * those leaves it.
 */
export async function signInRetryAfter(keys: string[]): Promise<number> {
  const now = Date.now();
  const since = new Date(now - SIGN_IN_WINDOW_MS);
  let until = 0;
  for (const key of keys) {
    const rows = await getDb().signInFailure.findMany({
      where: { key, at: { gt: since } },
      orderBy: { at: "desc" },
      skip: SIGN_IN_FAILURE_LIMIT - 1,
      take: 1,
      select: { at: true },
    });
    if (rows[0]) until = Math.max(until, rows[0].at.getTime() + SIGN_IN_WINDOW_MS);
  }
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** Counts one failed sign-in for each key, dropping the keys' failures older than the window. */
export async function recordSignInFailure(keys: string[]): Promise<void> {
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  await getDb().$transaction([
    getDb().signInFailure.deleteMany({ where: { key: { in: keys }, at: { lte: since } } }),
    getDb().signInFailure.createMany({ data: keys.map((key) => ({ key })) }),
  ]);
}

/** How often this instance adds its counts to the shared ones (and learns the others'). */
const USER_LIMIT_FLUSH_MS = 250;
const PRUNE_EVERY_MS = 5 * 60_000;
let lastPrune = 0;

/** One statement for every key counted since the last flush; the new totals come back. */
const flushUserCounts: FlushCounts = async (windowStart, increments) => {
  const keys = [...increments.keys()];
  const counts = keys.map((key) => increments.get(key)!);
  const rows = await getDb().$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
    SELECT k, ${windowStart}, c FROM unnest(${keys}::text[], ${counts}::int[]) AS t(k, c)
    ON CONFLICT ("key", "windowStart") DO UPDATE
      SET "count" = "RateLimitCounter"."count" + EXCLUDED."count"
    RETURNING "key", "count"`;
  const now = Date.now();
  if (now - lastPrune > PRUNE_EVERY_MS) {
    lastPrune = now;
    await getDb().rateLimitCounter.deleteMany({
      where: { windowStart: { lt: new Date(now - 10 * 60_000) } },
    });
  }
  return new Map(rows.map((row) => [row.key, row.count]));
};

const globalForLimits = globalThis as unknown as { livecampusUserCounts?: SharedWindowCounter };

function userCounts(): SharedWindowCounter {
  globalForLimits.livecampusUserCounts ??= new SharedWindowCounter(flushUserCounts, {
    flushMs: USER_LIMIT_FLUSH_MS,
    onError: (error) => console.warn("[rate-limit] could not store the request counts", error),
  });
  return globalForLimits.livecampusUserCounts;
}

/**
 * Counts one request of `userId` against its per-minute limit; 429 with Retry-After when it is
 * over. The counts are shared by every instance through the RateLimitCounter table without a
 * query per request (./window-counter): one instance's requests reach the others within
 * USER_LIMIT_FLUSH_MS.
 */
export function enforceUserLimit(kind: UserLimit, userId: string): void {
  const { count, windowEndsAt } = userCounts().add(`${kind}:${userId}`);
  if (count > USER_LIMITS[kind].perMinute) {
    throw httpErrors.rateLimited((windowEndsAt - Date.now()) / 1000);
  }
}
