// PATCH /api/scores/[id] – the course's teacher corrects a score
import { json, parseId, readJson, requireUser, route } from "@/server/http";
import { updateScore } from "@/server/services/teaching";
import { scorePatchBody } from "@/lib/validation";

export const PATCH = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const teacher = await requireUser("TEACHER");
  const id = parseId((await params).id, "Score");
  const input = await readJson(request, scorePatchBody);
  return json(await updateScore(teacher, id, input));
});
