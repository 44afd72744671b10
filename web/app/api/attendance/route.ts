// GET /api/attendance – the attendance the caller may read, paged · POST – the course's teacher marks attendance (a repeat for the same date updates it)
import { json, readJson, readQuery, requireUser, route } from "@/server/http";
import { listAttendance } from "@/server/services/records";
import { markAttendance } from "@/server/services/teaching";
import { courseRecordsQuery } from "@/lib/list-validation";
import { attendanceBody } from "@/lib/validation";

export const GET = route(async (request) => {
  const user = await requireUser();
  return json(await listAttendance(user, readQuery(request, courseRecordsQuery)));
});

export const POST = route(async (request) => {
  const teacher = await requireUser("TEACHER");
  const input = await readJson(request, attendanceBody);
  return json(await markAttendance(teacher, input), 201);
});
