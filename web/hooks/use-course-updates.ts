"use client";
import { channels, type CourseUpdatePayload } from "@/lib/realtime";
import { useChannelEvents } from "./use-channel-event";

/**
 * `course-update` (a course created, edited or archived): on `public-announcements` for every
 * page, plus `extra` channels that carry it (a teacher's or the admin dashboard channel). One
 * call per component; the payload holds ids only, so callers refetch.
 */
export function useCourseUpdates(
  callback: (update: CourseUpdatePayload) => void,
  extra: readonly (string | null | undefined)[] = [],
): void {
  useChannelEvents([channels.publicAnnouncements(), ...extra], "course-update", callback);
}
