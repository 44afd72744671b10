// The forms' schemas: what people type (dollars, numbers as text) read into the very request
// schemas the server validates with (./validation), so a form refuses exactly what the server
// would, with the same rules, before anything is sent. Amounts and numbers are read as the
// page's language writes them (`locale`, English by default); the messages are English, the
// API's language, and are translated where they are shown (./validation-messages).
import { z } from "zod";
import type { Locale } from "../i18n/locales";
import { createUserBody } from "./admin-validation";
import { formatMoney } from "./format";
import {
  amountCentsSchema,
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

/** How a number with a fraction is typed: "7.5" in English, "7,5" in German. */
const NUMBER_TEXT: Record<Locale, { shape: RegExp; decimal: string }> = {
  en: { shape: /^\d*\.?\d+$|^\d+\.$/, decimal: "." },
  de: { shape: /^\d*,?\d+$|^\d+,$/, decimal: "," },
};

/** A number as the text of a number input in `locale`'s writing: 7.5 → "7.5" / "7,5". */
export const numberInputText = (value: number, locale: Locale) =>
  String(value).replace(".", NUMBER_TEXT[locale].decimal);

/** A number typed as text ("8", "7.5"; German "7,5") read into a number, then held to `rule`. */
const numberText = (empty: string, rule: z.ZodType<number, number>, locale: Locale) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .transform((typed, ctx) => {
      const { shape, decimal } = NUMBER_TEXT[locale];
      const value = Number(typed.replace(decimal, "."));
      if (Number.isFinite(value) && shape.test(typed)) return value;
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
 * "Make a payment": a course and an amount in dollars as `locale` writes it, not above what is
 * due for the course (`dueOf`, null when unknown), sent as POST /api/payments's body.
 */
export const paymentFormSchema = (
  dueOf: (courseId: string) => number | null,
  locale: Locale = "en",
) =>
  z
    .object({
      courseId: z.string().min(1, "Choose a course.").pipe(idSchema),
      amount: dollarsSchema(amountCentsSchema, locale),
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

/** "Record a score" for `courseId` (numbers as `locale` writes them): POST /api/scores's body. */
export const scoreFormSchema = (courseId: string, locale: Locale = "en") =>
  z
    .object({
      studentId: idSchema,
      title: z.string().trim().max(200, "Must be at most 200 characters."),
      score: numberText("Enter the score.", points, locale),
      maxScore: numberText(
        "Enter the maximum score.",
        points.positive("Must be more than 0."),
        locale,
      ),
    })
    .refine((v) => v.score <= v.maxScore, {
      path: ["score"],
      message: "Must not be more than the maximum score.",
    })
    .transform((v) => ({ ...v, courseId, title: v.title || undefined }))
    .transform(into(scoreBody));

/** Correcting one score, not above its `maxScore`: sent as PATCH /api/scores/{id}'s body. */
export const scoreEditSchema = (maxScore: number, locale: Locale = "en") =>
  z
    .object({
      score: numberText(
        "Enter the score.",
        points.max(maxScore, `Must not be more than the maximum, ${maxScore}.`),
        locale,
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

/** A course's price typed in dollars as `locale` writes amounts; empty means free. */
const priceFieldFor = (locale: Locale) =>
  z
    .string()
    .transform((typed) => (typed.trim() === "" ? "0" : typed))
    .pipe(dollarsSchema(priceCentsSchema, locale));

const courseForms = new Map<Locale, ReturnType<typeof courseFormOf>>();

const courseFormOf = (locale: Locale) =>
  courseDetailsSchema.extend({
    teacherId: z.string().min(1, "Choose a teacher.").pipe(idSchema),
    price: priceFieldFor(locale),
  });

/**
 * A course's title, description, teacher and price (dollars, as `locale` writes amounts) as the
 * admin's form has them; one schema per language.
 */
export function courseFormSchemaFor(locale: Locale) {
  let schema = courseForms.get(locale);
  if (!schema) courseForms.set(locale, (schema = courseFormOf(locale)));
  return schema;
}

/** "New user": an empty password means a one-time setup link; sent as POST /api/admin/users. */
export const createUserFormSchema = z
  .object({ email: z.string(), name: z.string(), role: z.string(), password: z.string() })
  .transform(({ password, ...user }) => (password ? { ...user, password } : user))
  .transform(into(createUserBody));
