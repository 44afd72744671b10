// Who may subscribe to which channel (docs/realtime.md, "Channels and who may subscribe"), as a
// pure function over the session user and two lookups the caller wires to the database. The auth
// route signs only what this allows.
import type { Role, UserIdentity } from "../domain";
import { parseChannel, type ParsedChannel } from "./channels";

/** Database lookups authorizeChannel needs; the auth route wires them to Prisma. */
export interface ChannelAccessDeps {
  getCourse(courseId: string): Promise<{ id: string; teacherId: string } | null>;
  hasActiveEnrollment(courseId: string, studentId: string): Promise<boolean>;
}

/** `channel_data` for presence channels, built from the session (never from the request). */
export type PresenceChannelData = {
  user_id: string;
  user_info: { name: string; role: Role };
};

export type ChannelDenyReason =
  | "unauthenticated"
  | "unknown-channel"
  | "public-channel"
  | "wrong-user"
  | "wrong-role"
  | "unknown-course"
  | "not-course-member"
  | "lookup-failed";

export type ChannelAuthorization =
  | { allow: false; status: 403; reason: ChannelDenyReason }
  | { allow: true; channel: ParsedChannel; presence?: PresenceChannelData };

const deny = (reason: ChannelDenyReason): ChannelAuthorization => ({
  allow: false,
  status: 403,
  reason,
});

/** The presence `channel_data` for a user (name and role from the session). */
export function presenceDataFor(user: UserIdentity): PresenceChannelData {
  return { user_id: user.id, user_info: { name: user.name, role: user.role } };
}

/** The `user_data` for `pusher:signin` (POST /api/pusher/user-auth). */
export function userDataFor(user: UserIdentity): {
  id: string;
  user_info: { name: string; role: Role };
} {
  return { id: user.id, user_info: { name: user.name, role: user.role } };
}

/** A Pusher socket id as pusher-js sends it (`123.456`); the SDK throws on anything else. */
export const SOCKET_ID_RE = /^\d{1,20}\.\d{1,20}$/;

/**
 * Decides whether `user` may subscribe to `channelName` (docs/realtime.md). Every other name, a
 * malformed id, an unknown course or no session is a 403. `public-announcements` is denied:
 * pusher-js never asks to authorize a public channel. A failing lookup is reason
 * `lookup-failed`: the routes answer it 503 `unavailable` (the database did not answer).
 */
export async function authorizeChannel(
  user: UserIdentity | null,
  channelName: string,
  access: ChannelAccessDeps,
): Promise<ChannelAuthorization> {
  if (!user) return deny("unauthenticated");
  const channel = parseChannel(channelName);
  if (!channel) return deny("unknown-channel");
  const allow = (): ChannelAuthorization => ({ allow: true, channel });

  switch (channel.family) {
    case "public-announcements":
      return deny("public-channel");
    case "user":
      return channel.id === user.id ? allow() : deny("wrong-user");
    case "student-dashboard":
      if (user.role !== "STUDENT") return deny("wrong-role");
      return channel.id === user.id ? allow() : deny("wrong-user");
    case "teacher-dashboard":
      if (user.role !== "TEACHER") return deny("wrong-role");
      return channel.id === user.id ? allow() : deny("wrong-user");
    case "admin-dashboard":
      return user.role === "ADMIN" ? allow() : deny("wrong-role");
    case "course":
    case "course-enrollments":
    case "presence-course": {
      // Students never see a course's enrollment feed: no lookup needed to say no.
      if (channel.family === "course-enrollments" && user.role === "STUDENT") {
        return deny("wrong-role");
      }
      try {
        const course = await access.getCourse(channel.id);
        if (!course || course.id !== channel.id) return deny("unknown-course");
        let member: boolean;
        if (user.role === "ADMIN") member = true;
        else if (user.role === "TEACHER") member = course.teacherId === user.id;
        else if (user.role === "STUDENT") {
          member =
            channel.family !== "course-enrollments" &&
            (await access.hasActiveEnrollment(course.id, user.id)) === true;
        } else member = false;
        if (!member) return deny("not-course-member");
      } catch {
        return deny("lookup-failed");
      }
      return channel.family === "presence-course"
        ? { allow: true, channel, presence: presenceDataFor(user) }
        : allow();
    }
  }
}
