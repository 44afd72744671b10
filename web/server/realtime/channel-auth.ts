import "server-only";
// Who may subscribe to or read a channel, as the catalog's rules (web/lib/realtime/authorize.ts)
// decide with the database: POST /api/pusher/auth, its batch and GET /api/realtime/missed all
// judge through here, so their answers cannot differ.
import { type z } from "zod";
import { getDb } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { describeIssues, readBodyText } from "@/server/http";
import { authorizeChannel, parseChannel, type ChannelAccessDeps } from "@/lib/realtime";
import type { UserIdentity } from "@/lib/domain";
import { getPusherServer } from "./pusher-instance";

/** The catalog's database lookups, wired to Prisma. */
export const channelAccess: ChannelAccessDeps = {
  async getCourse(courseId) {
    return getDb().course.findUnique({
      where: { id: courseId },
      select: { id: true, teacherId: true },
    });
  },
  async hasActiveEnrollment(courseId, studentId) {
    const row = await getDb().enrollment.findUnique({
      where: { studentId_courseId: { studentId, courseId } },
      select: { status: true },
    });
    return row?.status === "ACTIVE";
  },
};

/**
 * Reads pusher-js's auth request against its schema (web/lib/validation.ts): form-encoded as
 * pusher-js sends it (JSON is accepted too). A missing or malformed field is a 400 naming it.
 */
export async function readAuthRequest<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<z.infer<T>> {
  const text = await readBodyText(request);
  const type = request.headers.get("content-type") ?? "";
  let raw: unknown;
  if (type.includes("application/json")) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw httpErrors.badRequest("Request body must be valid JSON");
    }
  } else {
    raw = Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw httpErrors.badRequest(describeIssues(parsed.error));
  return parsed.data;
}

const COURSE_FAMILIES = new Set(["course", "course-enrollments", "presence-course"]);

type CourseAccessRow = { id: string; teacherId: string; status: string | null };

/**
 * The catalog's lookups for one request of `userId` naming `channelNames`: the courses those
 * channels name, and the user's enrollment in each, are read in ONE query on first use (a batch
 * naming four courses asks once instead of eight times; a single course channel once instead of
 * twice). Anything else falls back to `access`.
 */
export function requestChannelAccess(
  userId: string | undefined,
  channelNames: readonly string[],
  access: ChannelAccessDeps = channelAccess,
): ChannelAccessDeps {
  const courseIds = new Set<string>();
  for (const name of channelNames) {
    const channel = parseChannel(name);
    if (channel?.id !== undefined && COURSE_FAMILIES.has(channel.family)) courseIds.add(channel.id);
  }
  if (courseIds.size === 0 || !userId) return access;
  const user = userId;
  let loaded: Promise<Map<string, CourseAccessRow>> | undefined;
  const load = () =>
    (loaded ??= getDb().$queryRaw<CourseAccessRow[]>`
        SELECT c."id", c."teacherId", e."status"::text AS "status"
        FROM "Course" c
        LEFT JOIN "Enrollment" e ON e."courseId" = c."id" AND e."studentId" = ${user}
        WHERE c."id" = ANY(${[...courseIds]}::text[])`.then(
      (rows) => new Map(rows.map((row) => [row.id, row])),
    ));
  return {
    async getCourse(courseId) {
      if (!courseIds.has(courseId)) return access.getCourse(courseId);
      const row = (await load()).get(courseId);
      return row ? { id: row.id, teacherId: row.teacherId } : null;
    },
    async hasActiveEnrollment(courseId, studentId) {
      if (studentId !== user || !courseIds.has(courseId))
        return access.hasActiveEnrollment(courseId, studentId);
      return (await load()).get(courseId)?.status === "ACTIVE";
    },
  };
}

type ErrorBody = { code: string; message: string };

/** The answer to one subscription request (POST /api/pusher/auth; one entry of its batch). */
export type SubscriptionAnswer =
  | { status: 200; body: { auth: string; channel_data?: string } }
  | { status: 400 | 403; error: ErrorBody };

/**
 * Judges one subscription of `socketId` to `channelName` for `user` (null: no session) and signs
 * it when the catalog allows: presence `channel_data` from the session only. Throws only the
 * 503 `unavailable` HttpError, when the database did not answer a lookup.
 */
export async function authorizeSubscription(
  user: UserIdentity | null,
  socketId: string,
  channelName: string,
  access: ChannelAccessDeps = channelAccess,
): Promise<SubscriptionAnswer> {
  const decision = await authorizeChannel(user, channelName, access);
  if (!decision.allow) {
    if (decision.reason === "lookup-failed") {
      // The database did not answer: 503 like any route (contract §10), not a refusal.
      console.error("[pusher-auth] database lookup failed");
      throw httpErrors.unavailable();
    }
    const shown = JSON.stringify(channelName.slice(0, 210));
    const message = `Not allowed to subscribe to ${shown} (${decision.reason})`;
    return { status: 403, error: { code: "forbidden", message } };
  }
  try {
    const signed = getPusherServer().authorizeChannel(socketId, channelName, decision.presence);
    return { status: 200, body: signed };
  } catch (error) {
    // The SDK refuses some names and socket ids outright: the request's fault, not ours.
    const message = error instanceof Error ? error.message : String(error);
    return { status: 400, error: { code: "bad_request", message: message.slice(0, 300) } };
  }
}

/**
 * Whether a client may read `channelName`'s events (GET /api/realtime/missed): exactly when it
 * may subscribe; `public-announcements` is open to anyone, so no session is looked up for it.
 */
export async function mayReadChannel(
  channelName: string,
  getUser: () => Promise<UserIdentity | null>,
): Promise<boolean> {
  if (parseChannel(channelName)?.family === "public-announcements") return true;
  const decision = await authorizeChannel(await getUser(), channelName, channelAccess);
  if (!decision.allow && decision.reason === "lookup-failed") {
    console.error("[realtime-missed] database lookup failed");
    throw httpErrors.unavailable();
  }
  return decision.allow;
}
