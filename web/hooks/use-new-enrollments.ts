"use client";
import { channels, isCuid, type NewEnrollmentPayload } from "@/lib/realtime";
import { useChannelEvents, type ChannelEventMeta } from "./use-channel-event";

/**
 * `new-enrollment` events of one course or of many (one hook call for a whole list: never
 * call it in a loop). Listens on `private-course-enrollments-{courseId}` for each id.
 */
export function useNewEnrollments(
  courseIds: string | readonly string[] | null | undefined,
  callback: (enrollment: NewEnrollmentPayload, meta: ChannelEventMeta<"new-enrollment">) => void,
): void {
  const ids = typeof courseIds === "string" ? [courseIds] : (courseIds ?? []);
  useChannelEvents(
    ids.filter(isCuid).map((id) => channels.courseEnrollments(id)),
    "new-enrollment",
    callback,
  );
}
