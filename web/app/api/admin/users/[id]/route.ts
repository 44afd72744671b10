// PATCH /api/admin/users/[id] – an admin edits a user's name, role or active flag
import { json, parseId, readJson, requireUser, route } from "@/server/http";
import { updateUser } from "@/server/services/admin-users";
import { updateUserBody } from "@/lib/admin-validation";

export const PATCH = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  await requireUser("ADMIN");
  const id = parseId((await params).id, "User");
  return json(await updateUser(id, await readJson(request, updateUserBody)));
});
