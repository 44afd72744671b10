import "server-only";
import { z } from "zod";
import { ENROLLMENT_STATUSES, ROLES } from "@/lib/domain";
import { idSchema } from "@/lib/validation";
import { LOCALES } from "@/i18n/locales";

// Response shapes of the administration routes (docs/api.md, "Administration"); strict, like
// those of ./responses, and checked against real answers by the admin integration tests.

const id = idSchema;
const timestamp = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
const role = z.enum(ROLES);
const line = z.int().min(2).meta({ description: "1-based line of the file (the header is 1)" });

const userFields = { id, name: z.string(), email: z.string(), role, active: z.boolean() };

export const adminUserListResponse = z.strictObject({
  items: z.array(z.strictObject({ ...userFields, createdAt: timestamp })),
  nextCursor: id.nullable().meta({ description: "Pass as `cursor` for the next page" }),
});

export const adminUserCreatedResponse = z.strictObject({
  ...userFields,
  setupUrl: z
    .url()
    .optional()
    .meta({ description: "Only without a password: the one-time link (72 h), shown once" }),
});

export const adminUserResponse = z.strictObject({ ...userFields, createdAt: timestamp });

export const userImportResponse = z.strictObject({
  created: z.int().nonnegative().meta({ description: "Accounts created (dry run: would be)" }),
  skipped: z.array(z.strictObject({ line, reason: z.string() })),
  dryRun: z.boolean(),
  users: z.array(
    z.strictObject({
      line,
      email: z.string(),
      name: z.string(),
      role,
      id: id.optional(),
      setupUrl: z.url().optional().meta({ description: "The user's one-time setup link" }),
    }),
  ),
});

export const courseResponse = z.strictObject({
  id,
  title: z.string(),
  description: z.string(),
  teacherId: id,
  teacherName: z.string(),
  archived: z.boolean(),
  priceCents: z.int().nonnegative().meta({ description: "What the course costs (0: free)" }),
  createdAt: timestamp,
});

export const cancelledEnrollmentResponse = z.strictObject({
  id,
  courseId: id,
  studentId: id,
  status: z.enum(ENROLLMENT_STATUSES),
});

export const okResponse = z.strictObject({ ok: z.literal(true) });

export const setupDoneResponse = z.strictObject({
  email: z.string().meta({ description: "The account's e-mail, to sign in with" }),
});

/** PATCH /api/me: the profile with the user's own settings. */
export const accountSettingsResponse = z.strictObject({
  id,
  name: z.string(),
  email: z.string(),
  role,
  locale: z.enum(LOCALES).nullable(),
});
