// POST /api/auth/setup – sets the first password of an account through its one-time setup link
import { json, readJson, route } from "@/server/http";
import { setupPassword } from "@/server/services/accounts";
import { passwordSetupBody } from "@/lib/admin-validation";

export const POST = route(async (request) => {
  const { token, password } = await readJson(request, passwordSetupBody);
  return json(await setupPassword(token, password));
});
