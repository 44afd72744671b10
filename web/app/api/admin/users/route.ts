// GET /api/admin/users – users a page at a time, filtered by role and text; POST – an admin creates an account
import { json, readJson, readQuery, requestOrigin, requireUser, route } from "@/server/http";
import { createUser, listUsers } from "@/server/services/admin-users";
import { adminUsersQuery, createUserBody } from "@/lib/admin-validation";

export const GET = route(async (request) => {
  await requireUser("ADMIN");
  return json(await listUsers(readQuery(request, adminUsersQuery)));
});

export const POST = route(async (request) => {
  await requireUser("ADMIN");
  const input = await readJson(request, createUserBody);
  return json(await createUser(input, requestOrigin(request)), 201);
});
