// Event names of contract §6, their payload schemas (zod 4), and which channel families each
// event may travel on. The publisher validates against these before sending; the client hooks
// validate again before a handler sees a payload.
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

export const EVENT_NAMES = [
  "new-notification",
  "dashboard-update",
  "stats-update",
  "new-enrollment",
  "enrollment-update",
  "payment-received",
  "payment-approved",
  "new-score",
  "score-update",
  "attendance-marked",
  "new-announcement",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isEventName(value: unknown): value is EventName {
  return typeof value === "string" && (EVENT_NAMES as readonly string[]).includes(value);
}

/** Contract §6, column "channel(s)": the families each event may be published on. */
export const EVENT_CHANNEL_FAMILIES: { readonly [E in EventName]: readonly ChannelFamily[] } = {
  "new-notification": ["user"],
  "dashboard-update": ["user", "student-dashboard", "teacher-dashboard", "admin-dashboard"],
  "stats-update": ["student-dashboard", "teacher-dashboard", "admin-dashboard", "course"],
  "new-enrollment": ["course-enrollments", "teacher-dashboard", "admin-dashboard"],
  "enrollment-update": ["course-enrollments", "user"],
  "payment-received": ["user", "admin-dashboard"],
  "payment-approved": ["user", "admin-dashboard"],
  "new-score": ["user"],
  "score-update": ["user"],
  "attendance-marked": ["user"],
  "new-announcement": ["public-announcements"],
};

/** True when `event` may be published on the channel named `channel` (contract §6). */
export function isEventAllowedOnChannel(event: EventName, channel: string): boolean {
  const parsed = parseChannel(channel);
  return parsed !== null && EVENT_CHANNEL_FAMILIES[event].includes(parsed.family);
}

// ---- payload schemas -------------------------------------------------------------------

const id = z.string().regex(CUID_RE, { error: "must be a cuid" });
const text = (max: number) => z.string().min(1).max(max);
const isoDateTime = z.iso.datetime({ offset: true });

/** What every event carries besides its own fields (contract §6). */
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

export { NOTIFICATION_TYPES, ENROLLMENT_STATUSES, PAYMENT_STATUSES, ATTENDANCE_STATUSES };
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

const paymentShape = {
  paymentId: id,
  courseId: id,
  courseTitle: text(200),
  amountCents: z.number().int().positive(),
  status: z.enum(PAYMENT_STATUSES),
};
const scoreShape = {
  scoreId: id,
  courseId: id,
  courseTitle: text(200),
  score: z.number().min(0),
  maxScore: z.number().positive(),
};

/** Each event's own fields (without eventId/occurredAt). Unknown keys are stripped. */
export const eventDataShapes = {
  "new-notification": {
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
  },
  "dashboard-update": { scope: z.enum(DASHBOARD_SCOPES) },
  "stats-update": {
    stats: z.record(
      z.string().min(1).max(100),
      z.union([z.number(), z.string().max(500), z.boolean(), z.null()]),
    ),
  },
  "new-enrollment": {
    enrollmentId: id,
    courseId: id,
    courseName: text(200),
    studentId: id,
    studentName: text(200),
    timestamp: isoDateTime,
  },
  "enrollment-update": { enrollmentId: id, courseId: id, status: z.enum(ENROLLMENT_STATUSES) },
  "payment-received": paymentShape,
  "payment-approved": paymentShape,
  "new-score": scoreShape,
  "score-update": scoreShape,
  "attendance-marked": {
    attendanceId: id,
    courseId: id,
    courseTitle: text(200),
    date: z.union([z.iso.date(), isoDateTime]),
    status: z.enum(ATTENDANCE_STATUSES),
  },
  "new-announcement": { id, title: text(200), message: text(5000), timestamp: isoDateTime },
} satisfies { [E in EventName]: z.ZodRawShape };

function full<S extends z.ZodRawShape>(shape: S) {
  return z.object(shape).extend(envelopeShape);
}
const d = eventDataShapes;

/** Full payload schemas (own fields + eventId + occurredAt) as the client receives them. */
export const eventSchemas = {
  "new-notification": full(d["new-notification"]),
  "dashboard-update": full(d["dashboard-update"]),
  "stats-update": full(d["stats-update"]),
  "new-enrollment": full(d["new-enrollment"]),
  "enrollment-update": full(d["enrollment-update"]),
  "payment-received": full(d["payment-received"]),
  "payment-approved": full(d["payment-approved"]),
  "new-score": full(d["new-score"]),
  "score-update": full(d["score-update"]),
  "attendance-marked": full(d["attendance-marked"]),
  "new-announcement": full(d["new-announcement"]),
} satisfies { [E in EventName]: z.ZodObject };

/** Same, rejecting unknown keys: what the publisher accepts (a typo fails loudly). */
export const strictEventSchemas: { [E in EventName]: z.ZodType<EventPayload<E>> } = {
  "new-notification": eventSchemas["new-notification"].strict(),
  "dashboard-update": eventSchemas["dashboard-update"].strict(),
  "stats-update": eventSchemas["stats-update"].strict(),
  "new-enrollment": eventSchemas["new-enrollment"].strict(),
  "enrollment-update": eventSchemas["enrollment-update"].strict(),
  "payment-received": eventSchemas["payment-received"].strict(),
  "payment-approved": eventSchemas["payment-approved"].strict(),
  "new-score": eventSchemas["new-score"].strict(),
  "score-update": eventSchemas["score-update"].strict(),
  "attendance-marked": eventSchemas["attendance-marked"].strict(),
  "new-announcement": eventSchemas["new-announcement"].strict(),
};

/** The payload a handler receives for `E` (including eventId and occurredAt). */
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
/** What a publisher supplies for `E`: the own fields; eventId/occurredAt are added. */
export type EventData<E extends EventName> = Omit<
  z.input<(typeof eventSchemas)[E]>,
  keyof typeof envelopeShape
>;
export type EventPayloadMap = { [E in EventName]: EventPayload<E> };

export type NotificationPayload = EventPayload<"new-notification">;
export type DashboardUpdatePayload = EventPayload<"dashboard-update">;
export type StatsUpdatePayload = EventPayload<"stats-update">;
export type NewEnrollmentPayload = EventPayload<"new-enrollment">;
export type EnrollmentUpdatePayload = EventPayload<"enrollment-update">;
export type PaymentPayload = EventPayload<"payment-received">;
export type ScorePayload = EventPayload<"new-score">;
export type AttendancePayload = EventPayload<"attendance-marked">;
export type AnnouncementPayload = EventPayload<"new-announcement">;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];

/** Parses a received payload; null (with the reason) when it does not match the catalog. */
export function parseEventPayload<E extends EventName>(
  event: E,
  data: unknown,
): { ok: true; payload: EventPayload<E> } | { ok: false; error: string } {
  const result = eventSchemas[event].safeParse(data);
  if (result.success) return { ok: true, payload: result.data as EventPayload<E> };
  return { ok: false, error: describeIssues(result.error) };
}

/** "path: message; path: message" – one line naming each bad field. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(payload)"}: ${issue.message}`)
    .join("; ");
}

// ---- preparing an event for publishing --------------------------------------------------

/** UTF-8 byte length, the way Pusher measures the 10 KB limit (works in Node and browsers). */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

export type PrepareFailureReason =
  | "unknown-event"
  | "no-channels"
  | "invalid-channel"
  | "channel-not-allowed"
  | "invalid-payload"
  | "too-large";

export type PreparedEvent<E extends EventName = EventName> = {
  channels: string[];
  event: E;
  payload: EventPayload<E>;
  /** `payload` serialized: exactly what is sent. */
  data: string;
  bytes: number;
  eventId: string;
  occurredAt: string;
};

export type PrepareResult<E extends EventName = EventName> =
  | { ok: true; prepared: PreparedEvent<E> }
  | { ok: false; reason: PrepareFailureReason; error: string };

export type PrepareInput = {
  channels: readonly string[];
  event: string;
  payload: unknown;
  /** Wins over an eventId inside payload; generated when neither is given. */
  eventId?: string;
  occurredAt?: string;
};

export type PrepareOptions = {
  /** Clock for occurredAt; default `new Date()`. */
  now?: () => Date;
  /** eventId generator; default `crypto.randomUUID()`. */
  generateId?: () => string;
};

/**
 * Validates one event for publishing: known event, every channel a §5 name whose family may
 * carry this event (§6), payload matching the strict schema, serialized size ≤ 10 KB. Adds
 * eventId and occurredAt when missing. Never throws.
 */
export function prepareEvent(input: PrepareInput, options: PrepareOptions = {}): PrepareResult {
  const { event } = input;
  if (!isEventName(event)) {
    return { ok: false, reason: "unknown-event", error: `Unknown event ${JSON.stringify(event)}` };
  }
  const channels = [...new Set(input.channels)];
  if (channels.length === 0) {
    return { ok: false, reason: "no-channels", error: `${event}: no channels given` };
  }
  for (const channel of channels) {
    const parsed = parseChannel(channel);
    if (!parsed) {
      return {
        ok: false,
        reason: "invalid-channel",
        error: `${event}: ${JSON.stringify(channel)} is not a LiveCampus channel`,
      };
    }
    if (!EVENT_CHANNEL_FAMILIES[event].includes(parsed.family)) {
      return {
        ok: false,
        reason: "channel-not-allowed",
        error: `${event} may not be published on ${channel} (allowed: ${EVENT_CHANNEL_FAMILIES[event].join(", ")})`,
      };
    }
  }
  if (typeof input.payload !== "object" || input.payload === null || Array.isArray(input.payload)) {
    return { ok: false, reason: "invalid-payload", error: `${event}: payload must be an object` };
  }
  const given = input.payload as Record<string, unknown>;
  const candidate = {
    ...given,
    eventId: input.eventId ?? given.eventId ?? (options.generateId ?? randomId)(),
    occurredAt:
      input.occurredAt ?? given.occurredAt ?? (options.now?.() ?? new Date()).toISOString(),
  };
  const result = strictEventSchemas[event].safeParse(candidate);
  if (!result.success) {
    return {
      ok: false,
      reason: "invalid-payload",
      error: `${event}: ${describeIssues(result.error)}`,
    };
  }
  const payload = result.data as EventPayload<EventName>;
  const data = JSON.stringify(payload);
  const bytes = utf8ByteLength(data);
  if (bytes > MAX_EVENT_BYTES) {
    return {
      ok: false,
      reason: "too-large",
      error: `${event}: payload is ${bytes} bytes, over the ${MAX_EVENT_BYTES}-byte limit`,
    };
  }
  return {
    ok: true,
    prepared: {
      channels,
      event,
      payload,
      data,
      bytes,
      eventId: payload.eventId,
      occurredAt: payload.occurredAt,
    },
  };
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}
