// POST /api/scores – the course's teacher records a score
import { json, readJson, requireUser, route } from "@/server/http";
import { createScore } from "@/server/services/teaching";
import { scoreBody } from "@/lib/validation";

export const POST = route(async (request) => {
  const teacher = await requireUser("TEACHER");
  const input = await readJson(request, scoreBody);
  return json(await createScore(teacher, input), 201);
});
