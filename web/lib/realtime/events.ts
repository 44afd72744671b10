// The event catalog: each event's channel families and payload fields, declared once in
// `eventCatalog`. The name list, the family table, the client and publisher schemas and the
// types are derived from it; the table in docs/realtime.md ("Events") is checked against it by
// events-docs.test.ts. What a new event needs: docs/realtime.md, "Adding an event".
import { z } from "zod";
import {
  ATTENDANCE_STATUSES,
  CUID_RE,
  ENROLLMENT_STATUSES,
  NOTIFICATION_TYPES,
  PAYMENT_STATUSES,
} from "../domain";
import { parseChannel, type ChannelFamily } from "./channels";

/** Pusher's (and our) limit on one event's serialized JSON payload, in bytes. */
export const MAX_EVENT_BYTES = 10 * 1024;

/** Pusher's limits on one HTTP trigger: channels per event, events per batch. */
export const MAX_CHANNELS_PER_TRIGGER = 100;
export const MAX_EVENTS_PER_BATCH = 10;

const id = z.string().regex(CUID_RE, { error: "must be a cuid" });
const text = (max: number) => z.string().min(1).max(max);
const isoDateTime = z.iso.datetime({ offset: true });

/** What every event carries besides its own fields (docs/realtime.md, "Events"). */
export const envelopeShape = {
  /** Unique per logical event; the client drops a repeat (retries publish the same id). */
  eventId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/, { error: "must be 1–128 of A-Z a-z 0-9 _ . : -" }),
  /** When the change happened (ISO 8601). */
  occurredAt: isoDateTime,
};

/** What a `dashboard-update` says changed; clients map it to the SWR keys to revalidate. */
export const DASHBOARD_SCOPES = [
  "all",
  "courses",
  "enrollments",
  "payments",
  "scores",
  "attendance",
  "announcements",
  "notifications",
  "stats",
] as const;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];

/** What a `course-update` says happened to the course (clients refetch /api/courses). */
export const COURSE_CHANGES = ["created", "updated", "archived"] as const;
/** What a `user-update` says happened to the users (admin lists refetch /api/admin/users). */
export const USER_CHANGES = ["created", "updated", "imported"] as const;

type EventDefinition = {
  /** The channel families the event may be published on; any other channel is refused. */
  channels: readonly ChannelFamily[];
  /** Its own fields (eventId/occurredAt are added). Unknown keys: stripped on receive, refused on publish. */
  data: z.ZodRawShape;
};

// Identity at runtime: checks each entry's shape and keeps its exact schema types.
const defineEvents = <D extends Record<string, EventDefinition>>(definitions: D): D => definitions;

const paymentData = {
  paymentId: id,
  courseId: id,
  courseTitle: text(200),
  amountCents: z.number().int().positive(),
  status: z.enum(PAYMENT_STATUSES),
};
const scoreData = {
  scoreId: id,
  courseId: id,
  courseTitle: text(200),
  score: z.number().min(0),
  maxScore: z.number().positive(),
};

/** Every event LiveCampus publishes: the one place an event is declared. */
export const eventCatalog = defineEvents({
  "new-notification": {
    channels: ["user"],
    data: {
      id,
      title: text(200),
      message: z.string().max(2000),
      type: z.enum(NOTIFICATION_TYPES),
      // Rendered as a link in toasts: same-site paths only, never `javascript:` or `//host`.
      link: z
        .string()
        .max(2048)
        .regex(/^\/(?!\/)/, { error: "must be a path starting with a single /" })
        .optional(),
      // The text as a key of web/messages/{en,de}/notifications.json and its raw values, for the
      // reader's language (web/lib/notification-text.ts); title/message stay the English text.
      key: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { error: "must be a message key (letters, digits)" })
        .nullish(),
      params: z
        .record(
          z.string().min(1).max(100),
          z.union([z.number(), z.string().max(2000), z.boolean(), z.null()]),
        )
        .nullish(),
    },
  },
  "dashboard-update": {
    channels: ["user", "student-dashboard", "teacher-dashboard", "admin-dashboard"],
    data: { scope: z.enum(DASHBOARD_SCOPES) },
  },
  "stats-update": {
    channels: ["student-dashboard", "teacher-dashboard", "admin-dashboard", "course"],
    data: {
      stats: z.record(
        z.string().min(1).max(100),
        z.union([z.number(), z.string().max(500), z.boolean(), z.null()]),
      ),
    },
  },
  "new-enrollment": {
    channels: ["course-enrollments", "teacher-dashboard", "admin-dashboard"],
    data: {
      enrollmentId: id,
      courseId: id,
      courseName: text(200),
      studentId: id,
      studentName: text(200),
      timestamp: isoDateTime,
    },
  },
  "enrollment-update": {
    channels: ["course-enrollments", "user"],
    data: { enrollmentId: id, courseId: id, status: z.enum(ENROLLMENT_STATUSES) },
  },
  "payment-received": { channels: ["user", "admin-dashboard"], data: paymentData },
  "payment-approved": { channels: ["user", "admin-dashboard"], data: paymentData },
  "new-score": { channels: ["user"], data: scoreData },
  "score-update": { channels: ["user"], data: scoreData },
  "attendance-marked": {
    channels: ["user"],
    data: {
      attendanceId: id,
      courseId: id,
      courseTitle: text(200),
      date: z.union([z.iso.date(), isoDateTime]),
      status: z.enum(ATTENDANCE_STATUSES),
    },
  },
  "new-announcement": {
    channels: ["public-announcements"],
    data: { id, title: text(200), message: text(5000), timestamp: isoDateTime },
  },
  // Ids only: public-announcements is open to anyone, and /api/courses is authorized.
  "course-update": {
    channels: ["public-announcements", "admin-dashboard", "teacher-dashboard"],
    data: { courseId: id, change: z.enum(COURSE_CHANGES) },
  },
  "user-update": {
    channels: ["admin-dashboard"],
    data: { userIds: z.array(id).min(1).max(100), change: z.enum(USER_CHANGES) },
  },
});

type Catalog = typeof eventCatalog;
export type EventName = keyof Catalog;
type DataSchema<E extends EventName> = z.ZodObject<Catalog[E]["data"]>;
type Envelope = z.output<z.ZodObject<typeof envelopeShape>>;

/** The payload a handler receives for `E` (including eventId and occurredAt). */
export type EventPayload<E extends EventName> = E extends EventName
  ? z.output<DataSchema<E>> & Envelope
  : never;
/** What a publisher supplies for `E`: the own fields; eventId/occurredAt are added. */
export type EventData<E extends EventName> = z.input<DataSchema<E>>;

export const EVENT_NAMES = Object.keys(eventCatalog) as readonly EventName[];

export function isEventName(value: unknown): value is EventName {
  return typeof value === "string" && Object.hasOwn(eventCatalog, value);
}

const byEvent = <T>(pick: (event: EventName) => T) =>
  Object.fromEntries(EVENT_NAMES.map((event) => [event, pick(event)])) as { [E in EventName]: T };

/** The families each event may be published on. */
export const EVENT_CHANNEL_FAMILIES: { readonly [E in EventName]: readonly ChannelFamily[] } =
  byEvent((event) => eventCatalog[event].channels);

const fullSchemas = byEvent((event) => z.object(eventCatalog[event].data).extend(envelopeShape));

/** Full payload schemas (own fields + eventId + occurredAt) as the client receives them. */
export const eventSchemas = fullSchemas as unknown as {
  [E in EventName]: z.ZodType<EventPayload<E>>;
};

/** Same, rejecting unknown keys: what the publisher accepts (a typo fails loudly). */
export const strictEventSchemas = byEvent((event) => fullSchemas[event].strict()) as unknown as {
  [E in EventName]: z.ZodType<EventPayload<E>>;
};

// Shorthands the hooks and components use.
export type NotificationPayload = EventPayload<"new-notification">;
export type DashboardUpdatePayload = EventPayload<"dashboard-update">;
export type StatsUpdatePayload = EventPayload<"stats-update">;
export type NewEnrollmentPayload = EventPayload<"new-enrollment">;
export type PaymentPayload = EventPayload<"payment-received">;
export type ScorePayload = EventPayload<"new-score">;
export type AttendancePayload = EventPayload<"attendance-marked">;
export type AnnouncementPayload = EventPayload<"new-announcement">;
export type CourseUpdatePayload = EventPayload<"course-update">;
export type UserUpdatePayload = EventPayload<"user-update">;

/** True when `event` may be published on the channel named `channel`. */
export function isEventAllowedOnChannel(event: EventName, channel: string): boolean {
  const parsed = parseChannel(channel);
  return parsed !== null && EVENT_CHANNEL_FAMILIES[event].includes(parsed.family);
}

/** Parses a received payload; null (with the reason) when it does not match the catalog. */
export function parseEventPayload<E extends EventName>(
  event: E,
  data: unknown,
): { ok: true; payload: EventPayload<E> } | { ok: false; error: string } {
  const result = eventSchemas[event].safeParse(data);
  if (result.success) return { ok: true, payload: result.data as EventPayload<E> };
  return { ok: false, error: describeIssues(result.error) };
}

/** "path: message; path: message" – one line naming each bad field (`whole`: a root issue). */
export function describeIssues(error: z.ZodError, whole = "(payload)"): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : whole}: ${issue.message}`)
    .join("; ");
}
