// The query parameters of the paged lists (cursor paging with "load more", docs/api.md
// "Paging"): every one is optional, so a request without them gets what it got before.
import { z } from "zod";
import { idSchema, NO_NUL, noNul } from "./validation";

/** The page sizes the app's own lists ask for. */
export const PAGE_SIZE = { notifications: 50, payments: 20, records: 20, courses: 50 } as const;

const LIMIT_RULE = "must be a whole number from 1 to 200";

/** A page size from 1 to 200, `fallback` when absent. */
export const limitParam = (fallback: number) =>
  z.coerce
    .number({ error: LIMIT_RULE })
    .int(LIMIT_RULE)
    .min(1, LIMIT_RULE)
    .max(200, LIMIT_RULE)
    .default(fallback)
    .meta({ description: `How many to return (1–200, default ${fallback})` });

/** The `nextCursor` of the previous page (the id of its last item). */
export const cursorParam = idSchema
  .optional()
  .meta({ description: "`nextCursor` of the previous page: the page after it" });

/** A case-insensitive search text. */
export const searchParam = (what: string) =>
  z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .refine(noNul, NO_NUL)
    .optional()
    .transform((value) => value || undefined)
    .meta({ description: `Part of the ${what} (case-insensitive)` });

/** Query of GET /api/courses: optional search and paging (without `limit`: every course). */
export const coursesQuery = z.object({
  q: searchParam("title, description or teacher's name"),
  cursor: cursorParam,
  limit: z.coerce
    .number({ error: LIMIT_RULE })
    .int(LIMIT_RULE)
    .min(1, LIMIT_RULE)
    .max(200, LIMIT_RULE)
    .optional()
    .meta({ description: "Page size (1–200); without it every course is returned" }),
});

/** Query of GET /api/scores and GET /api/attendance: one course, a page at a time. */
export const courseRecordsQuery = z.object({
  courseId: idSchema.optional().meta({ description: "Only this course's rows" }),
  cursor: cursorParam,
  limit: limitParam(50),
});
