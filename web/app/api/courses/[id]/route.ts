// GET /api/courses/[id] – one course as the caller may see it; PATCH – an admin (or its teacher) edits it
import { httpErrors, json, parseId, readJson, requireUser, route } from "@/server/http";
import { updateCourse } from "@/server/services/course-admin";
import { getCourseView } from "@/server/services/courses";
import { updateCourseBody } from "@/lib/admin-validation";

type Context = { params: Promise<{ id: string }> };

export const GET = route<Context>(async (_request, { params }) => {
  const user = await requireUser();
  const view = await getCourseView(user, parseId((await params).id, "Course"));
  if (!view) throw httpErrors.notFound("Course");
  return json(view);
});

export const PATCH = route<Context>(async (request, { params }) => {
  const user = await requireUser("ADMIN", "TEACHER");
  const id = parseId((await params).id, "Course");
  return json(await updateCourse(user, id, await readJson(request, updateCourseBody)));
});
