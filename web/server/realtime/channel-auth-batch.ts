import "server-only";
// POST /api/pusher/auth/batch: the channels a tab subscribes in one tick, authorized in one
// request, each exactly as POST /api/pusher/auth would (./channel-auth's authorizeSubscription).
import { httpErrors } from "@/server/errors";
import { describeIssues, readBodyText } from "@/server/http";
import type { UserIdentity } from "@/lib/domain";
import { channelAuthBatchBody } from "@/lib/validation";
import {
  authorizeSubscription,
  requestChannelAccess,
  type SubscriptionAnswer,
} from "./channel-auth";

/** One channel's entry in the batch answer. */
export type BatchEntry =
  | ({ status: 200 } & { auth: string; channel_data?: string })
  | Extract<SubscriptionAnswer, { status: 400 | 403 }>;

/** Reads the JSON body `{socket_id, channels}`: anything else is a 400 naming the field. */
export async function readBatchAuthRequest(request: Request) {
  const text = await readBodyText(request);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw httpErrors.badRequest("body: must be JSON {socket_id, channels}");
  }
  const parsed = channelAuthBatchBody.safeParse(raw);
  if (!parsed.success) throw httpErrors.badRequest(describeIssues(parsed.error));
  return parsed.data;
}

/** Judges every channel for `user` (lookups shared within the request); 503 when the database does not answer. */
export async function authorizeChannelBatch(
  user: UserIdentity,
  socketId: string,
  channels: readonly string[],
): Promise<Record<string, BatchEntry>> {
  const access = requestChannelAccess(user.id, channels);
  const answers = await Promise.all(
    channels.map((name) => authorizeSubscription(user, socketId, name, access)),
  );
  // A null-prototype object: a channel named `__proto__` is just a key.
  const result: Record<string, BatchEntry> = Object.create(null) as Record<string, BatchEntry>;
  channels.forEach((name, index) => {
    const answer = answers[index]!;
    result[name] =
      answer.status === 200
        ? { status: 200, ...answer.body }
        : { status: answer.status, error: answer.error };
  });
  return result;
}
