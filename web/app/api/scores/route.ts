// GET /api/scores – the scores the caller may read, paged · POST – the course's teacher records a score
import { json, readJson, readQuery, requireUser, route } from "@/server/http";
import { listScores } from "@/server/services/records";
import { createScore } from "@/server/services/teaching";
import { courseRecordsQuery } from "@/lib/list-validation";
import { scoreBody } from "@/lib/validation";

export const GET = route(async (request) => {
  const user = await requireUser();
  return json(await listScores(user, readQuery(request, courseRecordsQuery)));
});

export const POST = route(async (request) => {
  const teacher = await requireUser("TEACHER");
  const input = await readJson(request, scoreBody);
  return json(await createScore(teacher, input), 201);
});
