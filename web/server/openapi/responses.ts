import "server-only";
import { z } from "zod";
import {
  ATTENDANCE_STATUSES,
  ENROLLMENT_STATUSES,
  NOTIFICATION_TYPES,
  PAYMENT_STATUSES,
  ROLES,
} from "@/lib/domain";
import { dateSchema, idSchema } from "@/lib/validation";

// Response shapes for the API document, where the shape is simple and stable. They are strict
// (no other fields), and tests/integration/openapi.integration.test.ts checks real answers
// against them, so a field added to a service shows up here or fails that test.

const id = idSchema;
const timestamp = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
const role = z.enum(ROLES);

/** Every error the app's routes answer: `{"error": {"code", "message"}}`. */
export const errorResponse = z.strictObject({
  error: z.strictObject({
    code: z.string().meta({ description: "Stable, machine-readable, e.g. `not_found`" }),
    message: z.string().meta({ description: "For people; names the field or parameter" }),
  }),
});

export const profileResponse = z.strictObject({ id, name: z.string(), email: z.string(), role });

export const courseListResponse = z.array(
  z.strictObject({
    id,
    title: z.string(),
    description: z.string(),
    teacherId: id,
    teacherName: z.string(),
    enrolled: z.boolean().meta({ description: "The caller has an ACTIVE enrollment" }),
    activeEnrollments: z.int().nonnegative(),
    priceCents: z.int().nonnegative().meta({ description: "What the course costs (0: free)" }),
    amountDueCents: z.int().nonnegative().nullable().meta({
      description: "For a student enrolled in it: what they still owe; otherwise null",
    }),
  }),
);

export const paymentResponse = z.strictObject({
  id,
  studentId: id,
  courseId: id,
  courseTitle: z.string(),
  amountCents: z.int().positive(),
  status: z.enum(PAYMENT_STATUSES),
  reason: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  createdAt: timestamp,
});

export const paymentListResponse = z.array(
  paymentResponse.extend({ studentName: z.string(), studentEmail: z.string() }),
);

const notificationItem = z.strictObject({
  id,
  title: z.string(),
  message: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  link: z.string().nullable(),
  read: z.boolean(),
  readAt: timestamp.nullable(),
  createdAt: timestamp,
  key: z.string().nullable().meta({
    description:
      "The text's message key (`events` in web/messages/*/notifications.json), to show it in the reader's language; null on notifications written before there were keys. `title` and `message` are the English text either way",
  }),
  params: z
    .record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]))
    .nullable()
    .meta({
      description:
        "The raw values the keyed text is made from (amounts in cents, points as numbers); null when there is no key",
    }),
});

const unreadCount = z.int().nonnegative();

const nextCursor = id.nullable().meta({ description: "Pass as `cursor` for the next page" });

export const notificationListResponse = z.strictObject({
  items: z.array(notificationItem),
  nextCursor,
  unreadCount,
});

const recordFields = {
  id,
  studentId: id,
  studentName: z.string(),
  courseId: id,
  courseTitle: z.string(),
};

export const scorePageResponse = z.strictObject({
  items: z.array(
    z.strictObject({
      ...recordFields,
      title: z.string(),
      score: z.number(),
      maxScore: z.number(),
      createdAt: timestamp,
      updatedAt: timestamp,
    }),
  ),
  nextCursor,
});

export const attendancePageResponse = z.strictObject({
  items: z.array(
    z.strictObject({ ...recordFields, date: dateSchema, status: z.enum(ATTENDANCE_STATUSES) }),
  ),
  nextCursor,
});
export const notificationReadResponse = z.strictObject({ item: notificationItem, unreadCount });
export const notificationsReadAllResponse = z.strictObject({
  updated: z.int().nonnegative().meta({ description: "How many were unread" }),
  unreadCount,
});

export const announcementResponse = z.strictObject({
  id,
  title: z.string(),
  message: z.string(),
  timestamp,
});
export const announcementListResponse = z.array(announcementResponse);

export const enrollmentResponse = z.strictObject({
  id,
  courseId: id,
  studentId: id,
  status: z.enum(ENROLLMENT_STATUSES),
  createdAt: timestamp,
});

const scoreFields = {
  id,
  scoreId: id,
  courseId: id,
  courseTitle: z.string(),
  studentId: id,
  title: z.string(),
  score: z.number(),
  maxScore: z.number(),
};
export const scoreCreatedResponse = z.strictObject({ ...scoreFields, createdAt: timestamp });
export const scoreUpdatedResponse = z.strictObject({ ...scoreFields, updatedAt: timestamp });

export const attendanceResponse = z.strictObject({
  id,
  studentId: id,
  courseId: id,
  courseTitle: z.string(),
  date: dateSchema,
  status: z.enum(ATTENDANCE_STATUSES),
  updatedAt: timestamp,
});

export const onlineUsersResponse = z.array(
  z.strictObject({
    id,
    name: z.string(),
    role,
    courses: z.array(z.strictObject({ id, title: z.string() })),
  }),
);

const check = z.strictObject({
  ok: z.boolean(),
  unknown: z.boolean().optional(),
  latencyMs: z.number().optional(),
  error: z.string().optional(),
});
const upDown = z.enum(["up", "down"]);

export const healthResponse = z.strictObject({
  db: upDown,
  realtime: upDown,
  outbox: z.enum(["up", "down", "unknown"]).meta({
    description: "Unsent events older than a minute below the limit; unknown while unreadable",
  }),
  checks: z
    .strictObject({ db: check, realtime: check, outbox: check })
    .optional()
    .meta({ description: "Admins only: each probe's latency or error" }),
  backlog: z
    .strictObject({
      count: z.number().int().meta({ description: "Unsent events older than a minute" }),
      limit: z.number().int(),
      oldestUnsentAt: z.string().nullable(),
    })
    .optional()
    .meta({ description: "Admins only" }),
  down: z.array(z.enum(["db", "realtime", "outbox"])).optional(),
  error: errorResponse.shape.error.optional(),
});

export const channelAuthResponse = z.strictObject({
  auth: z.string().meta({ description: "`key:signature` for pusher-js" }),
  channel_data: z
    .string()
    .optional()
    .meta({ description: "Presence channels: JSON `{user_id, user_info: {name, role}}`" }),
});

export const userAuthResponse = z.strictObject({
  auth: z.string(),
  user_data: z.string().meta({ description: "JSON `{id, user_info: {name, role}}`" }),
});

const channelAuthError = z.strictObject({
  status: z.union([z.literal(400), z.literal(403)]).meta({
    description: "What POST /api/pusher/auth would answer for this channel",
  }),
  error: errorResponse.shape.error,
});

export const channelAuthBatchResponse = z.strictObject({
  channels: z
    .record(
      z.string(),
      z.union([channelAuthResponse.extend({ status: z.literal(200) }), channelAuthError]),
    )
    .meta({ description: "One entry per channel asked for, keyed by its name" }),
});

export const realtimeReadyResponse = z.strictObject({
  ready: z.boolean().meta({
    description: "true: a probe made after the request arrived reached the realtime server",
  }),
});

export const missedEventsResponse = z.strictObject({
  events: z.array(
    z.strictObject({
      event: z.string().meta({ description: "An event name of docs/realtime.md" }),
      channel: z.string(),
      data: z
        .looseObject({ eventId: z.string(), occurredAt: timestamp })
        .meta({ description: "The payload exactly as it was published" }),
    }),
  ),
  complete: z
    .boolean()
    .meta({ description: "false: more follow; call again with the last event's eventId" }),
});

export const webhookResponse = z.strictObject({ ok: z.literal(true) });

export const csrfResponse = z.strictObject({ csrfToken: z.string() });

export const authSessionResponse = z
  .object({
    // Auth.js owns this shape and may add fields (e.g. `image`): not strict.
    user: z.object({ id, name: z.string(), email: z.string(), role }),
    expires: timestamp,
  })
  .nullable()
  .meta({ description: "`null` without a session" });
