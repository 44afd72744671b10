// The forms' schemas: what people type (dollars, numbers as text) read into the very request
// schemas the server validates with (./validation), so a form refuses exactly what the server
// would, with the same rules, before anything is sent.
import { z } from "zod";
import { createUserBody } from "./admin-validation";
import { formatMoney } from "./format";
import {
  dollarsSchema,
  idSchema,
  MAX_POINTS,
  paymentBody,
  priceCentsSchema,
  rejectBody,
  scoreBody,
  scorePatchBody,
} from "./validation";

/**
 * A transform that holds a form's value to a request schema of the server, so what the form
 * sends has passed the same rules; its issues keep their paths.
 */
export const into =
  <T extends z.ZodType>(schema: T) =>
  (value: unknown, ctx: z.RefinementCtx): z.output<T> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  };

/** A number typed as text ("8", "7.5") read into a number, then held to `rule`. */
const numberText = (empty: string, rule: z.ZodType<number, number>) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .transform((typed, ctx) => {
      const value = Number(typed);
      if (Number.isFinite(value) && /^\d*\.?\d+$|^\d+\.$/.test(typed)) return value;
      ctx.addIssue({
        code: "custom",
        message: /^-/.test(typed) ? "Must not be negative." : "Enter a number, like 8 or 7.5.",
      });
      return z.NEVER;
    })
    .pipe(rule);

const points = z
  .number()
  .min(0, "Must not be negative.")
  .max(MAX_POINTS, `Must be at most ${MAX_POINTS.toLocaleString("en-US")}.`);

/**
 * "Make a payment": a course and an amount in dollars, not above what is due for the course
 * (`dueOf`, null when unknown), sent as POST /api/payments's body.
 */
export const paymentFormSchema = (dueOf: (courseId: string) => number | null) =>
  z
    .object({
      courseId: z.string().min(1, "Choose a course.").pipe(idSchema),
      amount: dollarsSchema(),
    })
    .superRefine((v, ctx) => {
      const due = dueOf(v.courseId);
      if (due === null || v.amount <= due) return;
      ctx.addIssue({
        code: "custom",
        path: ["amount"],
        message:
          due === 0
            ? "Nothing is due for this course."
            : `That is more than the ${formatMoney(due)} due for this course.`,
      });
    })
    .transform((v) => ({ courseId: v.courseId, amountCents: v.amount }))
    .transform(into(paymentBody));

/** "Record a score" for `courseId`: sent as POST /api/scores's body. */
export const scoreFormSchema = (courseId: string) =>
  z
    .object({
      studentId: idSchema,
      title: z.string().trim().max(200, "Must be at most 200 characters."),
      score: numberText("Enter the score.", points),
      maxScore: numberText("Enter the maximum score.", points.positive("Must be more than 0.")),
    })
    .refine((v) => v.score <= v.maxScore, {
      path: ["score"],
      message: "Must not be more than the maximum score.",
    })
    .transform((v) => ({ ...v, courseId, title: v.title || undefined }))
    .transform(into(scoreBody));

/** Correcting one score, not above its `maxScore`: sent as PATCH /api/scores/{id}'s body. */
export const scoreEditSchema = (maxScore: number) =>
  z
    .object({
      score: numberText(
        "Enter the score.",
        points.max(maxScore, `Must not be more than the maximum, ${maxScore}.`),
      ),
    })
    .transform(into(scorePatchBody));

/** The reason of a rejection (optional): sent as POST /api/payments/{id}/reject's body. */
export const rejectFormSchema = z
  .object({ reason: z.string().trim().max(500, "Must be at most 500 characters.") })
  .transform((v) => (v.reason ? { reason: v.reason } : {}))
  .transform(into(rejectBody));

/** A course's title and description as its teacher edits them. */
export const courseDetailsSchema = z.object({
  title: z.string().trim().min(1, "Enter a title.").max(200, "Must be at most 200 characters."),
  description: z.string().trim().max(5000, "Must be at most 5000 characters."),
});

/** A course's title, description, teacher and price (dollars) as the admin's form has them. */
export const courseFormSchema = courseDetailsSchema.extend({
  teacherId: z.string().min(1, "Choose a teacher.").pipe(idSchema),
  price: z.lazy(() => priceField),
});

/** A course's price typed in dollars; empty means free. */
export const priceField = z
  .string()
  .transform((typed) => (typed.trim() === "" ? "0" : typed))
  .pipe(dollarsSchema(priceCentsSchema));

/** "New user": an empty password means a one-time setup link; sent as POST /api/admin/users. */
export const createUserFormSchema = z
  .object({ email: z.string(), name: z.string(), role: z.string(), password: z.string() })
  .transform(({ password, ...user }) => (password ? { ...user, password } : user))
  .transform(into(createUserBody));
