// The request schemas of the HTTP API: the route handlers validate with them and the OpenAPI
// document (web/server/openapi/) is generated from them, so the two cannot drift.
import { z } from "zod";
import { ATTENDANCE_STATUSES, CUID_RE, PAYMENT_STATUSES } from "./domain";
import type { Locale } from "../i18n/locales";
import { formatMoney, parseAmount } from "./format";
import { SOCKET_ID_RE } from "./realtime";

/** A database id (cuid). */
export const idSchema = z.string({ error: "is required" }).regex(CUID_RE, "must be a valid id");

/** PostgreSQL text cannot hold NUL: refuse it as bad input (422 naming the field), not a 500. */
export const noNul = (value: string) => !value.includes("\u0000");
export const NO_NUL = "must not contain NUL characters";

/** Trimmed, non-empty text of at most `max` characters that PostgreSQL can store. */
export const text = (max: number, params?: { error: string }) =>
  z
    .string(params)
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine(noNul, NO_NUL);

/** A calendar date, YYYY-MM-DD, that really exists. */
// Year 0 reads as a date here but not in PostgreSQL, whose dates start at 0001-01-01.
export const dateSchema = z.iso
  .date({ error: "must be a date as YYYY-MM-DD" })
  .refine((date) => !date.startsWith("0000-"), "must be a date as YYYY-MM-DD");

export const courseIdBody = z.strictObject({ courseId: idSchema });

/** The largest amount one payment (or a course's price) may be: $1,000,000.00. */
export const MAX_AMOUNT_CENTS = 100_000_000;

/** An amount of money on the wire: whole cents, 1 ¢ up to MAX_AMOUNT_CENTS. */
export const amountCentsSchema = z
  .number({ error: "must be a number of cents" })
  .int("must be a whole number of cents")
  .positive("must be more than $0.00")
  .max(MAX_AMOUNT_CENTS, `must be at most ${formatMoney(MAX_AMOUNT_CENTS)}`);

/** A course's price in cents: 0 (free) up to MAX_AMOUNT_CENTS. */
export const priceCentsSchema = z
  .number({ error: "must be a number of cents" })
  .int("must be a whole number of cents")
  .min(0, "must not be negative")
  .max(MAX_AMOUNT_CENTS, `must be at most ${formatMoney(MAX_AMOUNT_CENTS)}`);

/**
 * What a person types in a dollars field ("49.90", "$20"; as `locale` writes amounts: German
 * "49,90"), read into cents and then held to `cents` (one of the wire schemas above), so a form
 * checks exactly what the server will.
 */
export const dollarsSchema = (
  cents: z.ZodType<number, number> = amountCentsSchema,
  locale: Locale = "en",
) =>
  z
    .string()
    .transform((typed, ctx) => {
      const read = parseAmount(typed, locale);
      if ("cents" in read) return read.cents;
      ctx.addIssue({ code: "custom", message: read.problem });
      return z.NEVER;
    })
    .pipe(cents);

export const paymentBody = z.strictObject({
  courseId: idSchema,
  amountCents: amountCentsSchema,
});

export const rejectBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .max(500, "must be at most 500 characters")
    .refine(noNul, NO_NUL)
    .optional(),
});

/** The highest number of points a score (or its maximum) may have. */
export const MAX_POINTS = 100_000;

const points = z
  .number({ error: "must be a number" })
  .finite("must be a number")
  .min(0, "must not be negative")
  .max(MAX_POINTS, `must be at most ${MAX_POINTS.toLocaleString("en-US")}`);

export const scoreBody = z
  .strictObject({
    studentId: idSchema,
    courseId: idSchema,
    score: points,
    maxScore: points.positive("must be greater than 0"),
    title: text(200).optional(),
  })
  .refine((v) => v.score <= v.maxScore, {
    path: ["score"],
    message: "must not be more than the maximum score",
  });

export const scorePatchBody = z
  .strictObject({
    score: points.optional(),
    maxScore: points.positive("must be greater than 0").optional(),
  })
  .refine((v) => v.score !== undefined || v.maxScore !== undefined, {
    path: ["score"],
    message: "give score or maxScore",
  });

export const attendanceBody = z.strictObject({
  studentId: idSchema,
  courseId: idSchema,
  date: dateSchema,
  status: z.enum(ATTENDANCE_STATUSES, {
    error: `must be ${ATTENDANCE_STATUSES.slice(0, -1).join(", ")} or ${ATTENDANCE_STATUSES.at(-1)}`,
  }),
});

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

/** Announcements travel as one realtime event (≤ 10 KB with its envelope): cap their bytes. */
export const MAX_ANNOUNCEMENT_BYTES = 9000;

export const announcementBody = z
  .strictObject({
    title: text(200, { error: "is required" }),
    message: text(5000, { error: "is required" }),
  })
  .refine((v) => utf8Bytes(v.title) + utf8Bytes(v.message) <= MAX_ANNOUNCEMENT_BYTES, {
    path: ["message"],
    message: `is too long: title and message together must be at most ${MAX_ANNOUNCEMENT_BYTES} bytes`,
  });

/** Query of GET /api/payments: an optional status filter, the order and paging. */
export const paymentsQuery = z.object({
  status: z
    .enum(PAYMENT_STATUSES, { error: `must be ${PAYMENT_STATUSES.join(", ")}` })
    .optional()
    .meta({ description: "Only payments with this status" }),
  order: z
    .enum(["asc", "desc"], { error: "must be asc or desc" })
    .optional()
    .meta({ description: "`desc` (default): newest first; `asc`: oldest first" }),
  cursor: idSchema
    .optional()
    .meta({ description: "The `X-Next-Cursor` header of the previous page: the page after it" }),
  limit: z.coerce
    .number({ error: "must be a whole number from 1 to 200" })
    .int("must be a whole number from 1 to 200")
    .min(1, "must be a whole number from 1 to 200")
    .max(200, "must be a whole number from 1 to 200")
    .optional()
    .meta({ description: "How many to return (1–200, default 200)" }),
});

const LIMIT_RULE = "must be a whole number from 1 to 200";

/** Query of GET /api/notifications: page size and an optional cursor (createdAt of the last). */
/** The instants a timestamp column holds here: 0001-01-01 to 9999-12-31 (UTC). */
const FIRST_STORABLE_MS = Date.parse("0001-01-01T00:00:00.000Z");
const LAST_STORABLE_MS = Date.parse("9999-12-31T23:59:59.999Z");

export const notificationsQuery = z.object({
  limit: z.coerce
    .number({ error: LIMIT_RULE })
    .int(LIMIT_RULE)
    .min(1, LIMIT_RULE)
    .max(200, LIMIT_RULE)
    .default(50)
    .meta({ description: "How many notifications to return" }),
  // Anything `new Date()` reads is accepted, as before; an empty value means no cursor.
  before: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const date = new Date(value);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: "must be an ISO date-time" });
        return z.NEVER;
      }
      // JavaScript reads years up to 275760 ("99999-01-01"); the database stores 1 to 9999. No
      // notification lies outside that range, so the bound means the same and stays storable.
      return new Date(Math.min(Math.max(date.getTime(), FIRST_STORABLE_MS), LAST_STORABLE_MS));
    })
    .meta({ format: "date-time", description: "Only notifications created before this time" }),
  cursor: idSchema
    .optional()
    .meta({ description: "`nextCursor` of the previous page: the page after it" }),
});

const socketId = z.string({ error: "is required" }).regex(SOCKET_ID_RE, "must look like 1234.5678");

/** pusher-js's `pusher:signin` request (POST /api/pusher/user-auth). */
export const userAuthBody = z.object({ socket_id: socketId });

/**
 * pusher-js's subscription request (POST /api/pusher/auth). Only a missing channel_name is
 * malformed; any name sent is judged by the channel catalog (403 when it is not allowed).
 */
export const channelAuthBody = userAuthBody.extend({
  channel_name: z.string({ error: "is required" }),
});

/** The Credentials provider's form fields (POST /api/auth/callback/credentials). */
export const credentialsBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/** Query of GET /api/realtime/missed: a channel name and the id of the last event seen. */
/** GET /api/realtime/ready: how long to hold the request while the realtime server is away. */
export const realtimeReadyQuery = z.object({
  wait: z.coerce
    .number({ error: "must be a number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be at least 0")
    .max(25, "must be at most 25")
    .default(20)
    .meta({ description: "Seconds to wait for the realtime server (0–25, default 20)" }),
});

export const missedEventsQuery = z.object({
  // Any name is judged by the channel catalog (403 when it may not be read); only none is malformed.
  channel: z
    .string({ error: "is required" })
    .min(1, "is required")
    .meta({ description: "The channel, e.g. `private-user-{id}` or `public-announcements`" }),
  after: z
    .string({ error: "is required" })
    .min(1, "is required")
    .max(200, "must be an event id (at most 200 characters)")
    .meta({ description: "The `eventId` of the last event seen (of any channel)" }),
});

/** Most channels one batched authorization may name. */
export const MAX_BATCH_CHANNELS = 100;

/** POST /api/pusher/auth/batch: one socket's subscriptions of one tick, judged one by one. */
export const channelAuthBatchBody = z.object({
  socket_id: socketId,
  channels: z
    .array(z.string({ error: "must be a channel name" }), { error: "is required" })
    .min(1, "must name at least one channel")
    .max(MAX_BATCH_CHANNELS, `must name at most ${MAX_BATCH_CHANNELS} channels`)
    .refine((names) => new Set(names).size === names.length, "must not repeat a channel"),
});
