// POST /api/me/password – the signed-in user changes their password (their other sessions end)
import { json, readJson, requireUser, route } from "@/server/http";
import { changePassword } from "@/server/services/accounts";
import { passwordChangeBody } from "@/lib/admin-validation";

export const POST = route(async (request) => {
  const user = await requireUser();
  return json(await changePassword(user, await readJson(request, passwordChangeBody)));
});
