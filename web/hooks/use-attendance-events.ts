"use client";
import { channels, isCuid, type AttendancePayload } from "@/lib/realtime";
import { useChannelEvent } from "./use-channel-event";

/** `attendance-marked` on `private-user-{userId}`. */
export function useAttendanceEvents(
  userId: string | null | undefined,
  callback: (attendance: AttendancePayload) => void,
): void {
  useChannelEvent(isCuid(userId) ? channels.user(userId) : null, "attendance-marked", (payload) =>
    callback(payload),
  );
}
