// POST /api/enrollments – a student enrolls in a course
import { json, readJson, requireUser, route } from "@/server/http";
import { enroll } from "@/server/services/enrollments";
import { courseIdBody } from "@/lib/validation";

export const POST = route(async (request) => {
  const student = await requireUser("STUDENT");
  const { courseId } = await readJson(request, courseIdBody);
  return json(await enroll(student, courseId), 201);
});
