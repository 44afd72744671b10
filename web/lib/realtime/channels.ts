// Channel names (docs/realtime.md, "Channels and who may subscribe"): builders and a strict
// parser. Shared by the server (publisher, auth route) and the browser (hooks); no other file
// spells a channel name by hand.
// Relative imports only: scripts/realtime-cli.ts loads this through tsx without the `@/` alias.
import { CUID_RE, isCuid } from "../domain";

export { CUID_RE, isCuid };

/** Pusher's limit on a channel name's length. */
export const MAX_CHANNEL_NAME_LENGTH = 200;

export const CHANNEL_FAMILIES = [
  "user",
  "student-dashboard",
  "teacher-dashboard",
  "admin-dashboard",
  "course",
  "course-enrollments",
  "presence-course",
  "public-announcements",
] as const;
export type ChannelFamily = (typeof CHANNEL_FAMILIES)[number];

/** Families whose name embeds an id. */
export type IdChannelFamily = Exclude<ChannelFamily, "admin-dashboard" | "public-announcements">;

export type ParsedChannel =
  | { [F in IdChannelFamily]: { family: F; id: string } }[IdChannelFamily]
  | { family: "admin-dashboard"; id?: undefined }
  | { family: "public-announcements"; id?: undefined };

const PREFIX: Record<IdChannelFamily, string> = {
  user: "private-user-",
  "student-dashboard": "private-student-dashboard-",
  "teacher-dashboard": "private-teacher-dashboard-",
  course: "private-course-",
  "course-enrollments": "private-course-enrollments-",
  "presence-course": "presence-course-",
};
const ADMIN_DASHBOARD = "private-admin-dashboard";
const PUBLIC_ANNOUNCEMENTS = "public-announcements";

// Each pattern is anchored at both ends and the id part admits only a cuid, so the
// `private-course-` pattern can never swallow `private-course-enrollments-…` and no suffix
// (`;x`, a space, a newline) survives. JS `$` without the m flag matches only at the very end.
const ID_PATTERNS = (Object.entries(PREFIX) as [IdChannelFamily, string][]).map(
  ([family, prefix]) =>
    [family, new RegExp(`^${prefix}(${CUID_RE.source.slice(1, -1)})$`)] as const,
);

/** Thrown by the builders when handed an id that is not a cuid. */
export class InvalidChannelIdError extends TypeError {
  constructor(family: ChannelFamily, id: unknown) {
    super(`Invalid id for ${family} channel: ${JSON.stringify(id)} (expected a cuid)`);
    this.name = "InvalidChannelIdError";
  }
}

/** The name prefix of a family with ids (e.g. for the HTTP API's `filter_by_prefix`). */
export function channelPrefix(family: IdChannelFamily): string {
  return PREFIX[family];
}

function build(family: IdChannelFamily, id: string): string {
  if (!isCuid(id)) throw new InvalidChannelIdError(family, id);
  return PREFIX[family] + id;
}

/** Channel name builders. Throw InvalidChannelIdError for a non-cuid id. */
export const channels = {
  user: (userId: string) => build("user", userId),
  studentDashboard: (studentId: string) => build("student-dashboard", studentId),
  teacherDashboard: (teacherId: string) => build("teacher-dashboard", teacherId),
  adminDashboard: () => ADMIN_DASHBOARD,
  course: (courseId: string) => build("course", courseId),
  courseEnrollments: (courseId: string) => build("course-enrollments", courseId),
  presenceCourse: (courseId: string) => build("presence-course", courseId),
  publicAnnouncements: () => PUBLIC_ANNOUNCEMENTS,
} as const;

/** The channel name for a parsed channel (inverse of parseChannel). */
export function channelName(channel: ParsedChannel): string {
  if (channel.family === "admin-dashboard") return ADMIN_DASHBOARD;
  if (channel.family === "public-announcements") return PUBLIC_ANNOUNCEMENTS;
  return build(channel.family, channel.id);
}

/**
 * Strict parser: the family and id of a LiveCampus channel name, or null for anything
 * else (unknown family, malformed or non-cuid id, extra characters, over 200 characters).
 */
export function parseChannel(name: unknown): ParsedChannel | null {
  if (typeof name !== "string" || name.length === 0 || name.length > MAX_CHANNEL_NAME_LENGTH) {
    return null;
  }
  if (name === ADMIN_DASHBOARD) return { family: "admin-dashboard" };
  if (name === PUBLIC_ANNOUNCEMENTS) return { family: "public-announcements" };
  for (const [family, pattern] of ID_PATTERNS) {
    const match = pattern.exec(name);
    const id = match?.[1];
    if (id !== undefined) return { family, id } as ParsedChannel;
  }
  return null;
}
