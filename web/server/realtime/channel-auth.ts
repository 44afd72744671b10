import "server-only";
import { type z } from "zod";
import { getDb } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { describeIssues, readBodyText } from "@/server/http";
import { type ChannelAccessDeps } from "@/lib/realtime";

/** The catalog's database lookups, wired to Prisma. */
export const channelAccess: ChannelAccessDeps = {
  async getCourse(courseId) {
    return getDb().course.findUnique({
      where: { id: courseId },
      select: { id: true, teacherId: true },
    });
  },
  async hasActiveEnrollment(courseId, studentId) {
    const row = await getDb().enrollment.findUnique({
      where: { studentId_courseId: { studentId, courseId } },
      select: { status: true },
    });
    return row?.status === "ACTIVE";
  },
};

/**
 * Reads pusher-js's auth request against its schema (web/lib/validation.ts): form-encoded as
 * pusher-js sends it (JSON is accepted too). A missing or malformed field is a 400 naming it.
 */
export async function readAuthRequest<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<z.infer<T>> {
  const text = await readBodyText(request);
  const type = request.headers.get("content-type") ?? "";
  let raw: unknown;
  if (type.includes("application/json")) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw httpErrors.badRequest("Request body must be valid JSON");
    }
  } else {
    raw = Object.fromEntries(new URLSearchParams(text));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw httpErrors.badRequest(describeIssues(parsed.error));
  return parsed.data;
}
