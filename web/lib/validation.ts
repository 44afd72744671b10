import { z } from "zod";
import { ATTENDANCE_STATUSES, CUID_RE } from "./domain";

/** A database id (cuid). */
export const idSchema = z.string({ error: "is required" }).regex(CUID_RE, "must be a valid id");

/** PostgreSQL text cannot hold NUL: refuse it as bad input (422 naming the field), not a 500. */
const noNul = (value: string) => !value.includes("\u0000");
const NO_NUL = "must not contain NUL characters";

/** A calendar date, YYYY-MM-DD, that really exists. */
export const dateSchema = z.iso.date({ error: "must be a date as YYYY-MM-DD" });

export const courseIdBody = z.strictObject({ courseId: idSchema });

export const paymentBody = z.strictObject({
  courseId: idSchema,
  amountCents: z
    .number({ error: "must be a number" })
    .int("must be a whole number of cents")
    .positive("must be greater than 0")
    .max(100_000_000, "must be at most 100000000"),
});

export const rejectBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .max(500, "must be at most 500 characters")
    .refine(noNul, NO_NUL)
    .optional(),
});

const points = z
  .number({ error: "must be a number" })
  .finite()
  .min(0, "must not be negative")
  .max(100_000);

export const scoreBody = z
  .strictObject({
    studentId: idSchema,
    courseId: idSchema,
    score: points,
    maxScore: points.positive("must be greater than 0"),
    title: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(200, "must be at most 200 characters")
      .refine(noNul, NO_NUL)
      .optional(),
  })
  .refine((v) => v.score <= v.maxScore, { path: ["score"], message: "must not exceed maxScore" });

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
    title: z
      .string({ error: "is required" })
      .trim()
      .min(1, "must not be empty")
      .max(200, "must be at most 200 characters")
      .refine(noNul, NO_NUL),
    message: z
      .string({ error: "is required" })
      .trim()
      .min(1, "must not be empty")
      .max(5000, "must be at most 5000 characters")
      .refine(noNul, NO_NUL),
  })
  .refine((v) => utf8Bytes(v.title) + utf8Bytes(v.message) <= MAX_ANNOUNCEMENT_BYTES, {
    path: ["message"],
    message: `is too long: title and message together must be at most ${MAX_ANNOUNCEMENT_BYTES} bytes`,
  });
