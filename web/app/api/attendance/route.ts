// POST /api/attendance – the course's teacher marks attendance (a repeat for the same date updates it)
import { json, readJson, requireUser, route } from "@/server/http";
import { markAttendance } from "@/server/services/teaching";
import { attendanceBody } from "@/lib/validation";

export const POST = route(async (request) => {
  const teacher = await requireUser("TEACHER");
  const input = await readJson(request, attendanceBody);
  return json(await markAttendance(teacher, input), 201);
});
