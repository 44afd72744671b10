"use client";
import { channels, isCuid, type ScorePayload } from "@/lib/realtime";
import { useChannelEvent } from "./use-channel-event";

/** `new-score` and `score-update` on `private-user-{userId}`; `meta.event` tells which. */
export function useScoreEvents(
  userId: string | null | undefined,
  callback: (
    score: ScorePayload,
    meta: { event: "new-score" | "score-update"; channel: string },
  ) => void,
): void {
  const channel = isCuid(userId) ? channels.user(userId) : null;
  useChannelEvent(channel, "new-score", callback);
  useChannelEvent(channel, "score-update", callback);
}
