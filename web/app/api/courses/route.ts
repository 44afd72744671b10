// GET /api/courses – every course with the caller's enrollment flag
import { json, requireUser, route } from "@/server/http";
import { listCourses } from "@/server/services/courses";

export const GET = route(async () => {
  const user = await requireUser();
  return json(await listCourses(user));
});
