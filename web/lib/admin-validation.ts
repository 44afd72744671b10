// The request schemas of the administration routes (docs/api.md, "Administration"), beside
// those of ./validation (this file would make that one too long); the OpenAPI document is
// generated from them too.
import { z } from "zod";
import { ROLES } from "./domain";
import { checkPassword } from "./password-policy";
import { idSchema, NO_NUL, noNul, priceCentsSchema, text } from "./validation";

/** An e-mail address, stored trimmed and lower-cased (the unique key of an account). */
export const emailSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "must be an e-mail address" }));

/** A person's display name. */
export const personNameSchema = text(200, { error: "is required" });

const ROLE_RULE = `must be ${ROLES.slice(0, -1).join(", ")} or ${ROLES.at(-1)}`;
export const roleSchema = z.enum(ROLES, { error: ROLE_RULE });

/** A new password: the policy of web/lib/password-policy.ts, with its message. */
export const newPasswordSchema = z.string({ error: "is required" }).superRefine((value, ctx) => {
  const result = checkPassword(value);
  if (!result.ok) ctx.addIssue({ code: "custom", message: result.message });
});

const PAGE_RULE = "must be a whole number from 1 to 100";

/** Query of GET /api/admin/users: filters and the cursor (the last id of the previous page). */
export const adminUsersQuery = z.object({
  role: roleSchema.optional().meta({ description: "Only users with this role" }),
  q: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .refine(noNul, NO_NUL)
    .optional()
    .meta({ description: "Part of the name or e-mail (case-insensitive)" }),
  cursor: idSchema.optional().meta({ description: "`nextCursor` of the previous page" }),
  limit: z.coerce
    .number({ error: PAGE_RULE })
    .int(PAGE_RULE)
    .min(1, PAGE_RULE)
    .max(100, PAGE_RULE)
    .default(50)
    .meta({ description: "Page size" }),
});

/** POST /api/admin/users: without `password` the answer carries a one-time `setupUrl`. */
export const createUserBody = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  password: newPasswordSchema.optional(),
});

/** PATCH /api/admin/users/{id}. */
export const updateUserBody = z
  .strictObject({
    name: personNameSchema.optional(),
    role: roleSchema.optional(),
    active: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.active !== undefined, {
    path: ["name"],
    message: "give name, role or active",
  });

/** Query of POST /api/admin/users/import: `dryRun=true` validates and writes nothing (preview). */
export const userImportQuery = z.object({
  dryRun: z
    .enum(["true", "false"], { error: "must be true or false" })
    .optional()
    .transform((value) => value === "true")
    .meta({ description: "Only validate: the answer says what would be created and skipped" }),
});

/** One data line of the import CSV (`email,name,role`); the role is case-insensitive. */
export const userImportRow = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: z.string().trim().toUpperCase().pipe(roleSchema),
});

const courseDescription = z
  .string({ error: "must be text" })
  .trim()
  .max(5000, "must be at most 5000 characters")
  .refine(noNul, NO_NUL);

/** POST /api/courses. */
export const createCourseBody = z.strictObject({
  title: text(200, { error: "is required" }),
  description: courseDescription.optional(),
  teacherId: idSchema,
  priceCents: priceCentsSchema.optional().meta({ description: "In cents; 0 (default): free" }),
});

/** PATCH /api/courses/{id}: a course's teacher may send title and description only. */
export const updateCourseBody = z
  .strictObject({
    title: text(200).optional(),
    description: courseDescription.optional(),
    teacherId: idSchema.optional(),
    archived: z.boolean({ error: "must be true or false" }).optional(),
    priceCents: priceCentsSchema.optional().meta({ description: "In cents; ADMIN only" }),
  })
  .refine((v) => Object.values(v).some((field) => field !== undefined), {
    path: ["title"],
    message: "give title, description, teacherId, archived or priceCents",
  });

/** POST /api/me/password. */
export const passwordChangeBody = z.strictObject({
  currentPassword: z
    .string({ error: "is required" })
    .min(1, "is required")
    .max(200, "must be at most 200 characters"),
  newPassword: newPasswordSchema,
});

/** POST /api/auth/setup: the token of a setup link and the account's first password. */
export const passwordSetupBody = z.strictObject({
  token: z
    .string({ error: "is required" })
    .regex(/^[A-Za-z0-9_-]{20,200}$/, "must be the token of a setup link"),
  password: newPasswordSchema,
});
