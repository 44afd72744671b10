// DELETE /api/enrollments/[id] – the student, the course's teacher or an admin cancels an enrollment
import { json, parseId, requireUser, route } from "@/server/http";
import { cancelEnrollment } from "@/server/services/enrollments";

export const DELETE = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const user = await requireUser();
  return json(await cancelEnrollment(user, parseId((await params).id, "Enrollment")));
});
