// GET /api/courses – every course with the caller's enrollment flag (searchable, paged); POST – an admin creates a course
import { json, readJson, readQuery, requireUser, route } from "@/server/http";
import { createCourse } from "@/server/services/course-admin";
import { listCourses } from "@/server/services/courses";
import { NEXT_CURSOR_HEADER } from "@/server/services/paging";
import { createCourseBody } from "@/lib/admin-validation";
import { coursesQuery } from "@/lib/list-validation";

export const GET = route(async (request) => {
  const user = await requireUser();
  const page = await listCourses(user, readQuery(request, coursesQuery));
  // The body stays the bare array it always was; the next page's cursor travels in a header.
  const response = json(page.items);
  if (page.nextCursor) response.headers.set(NEXT_CURSOR_HEADER, page.nextCursor);
  return response;
});

export const POST = route(async (request) => {
  await requireUser("ADMIN");
  return json(await createCourse(await readJson(request, createCourseBody)), 201);
});
