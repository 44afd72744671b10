// GET /api/courses/[id] – one course as the caller may see it (roster and scores for its teacher)
import { httpErrors, json, parseId, requireUser, route } from "@/server/http";
import { getCourseView } from "@/server/services/courses";

export const GET = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const user = await requireUser();
  const view = await getCourseView(user, parseId((await params).id, "Course"));
  if (!view) throw httpErrors.notFound("Course");
  return json(view);
});
