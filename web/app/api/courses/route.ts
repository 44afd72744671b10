// GET /api/courses – every course with the caller's enrollment flag; POST – an admin creates a course
import { json, readJson, requireUser, route } from "@/server/http";
import { createCourse } from "@/server/services/course-admin";
import { listCourses } from "@/server/services/courses";
import { createCourseBody } from "@/lib/admin-validation";

export const GET = route(async () => {
  const user = await requireUser();
  return json(await listCourses(user));
});

export const POST = route(async (request) => {
  await requireUser("ADMIN");
  return json(await createCourse(await readJson(request, createCourseBody)), 201);
});
