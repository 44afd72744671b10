// GET /api/me – the signed-in user's profile; PATCH /api/me – their own settings (language)
import { httpErrors, json, readJson, requireUser, route } from "@/server/http";
import { getProfile } from "@/server/services/users";
import { updateAccountSettings } from "@/server/services/preferences";
import { accountSettingsBody } from "@/lib/account-settings";

export const GET = route(async () => {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  // The account was deleted after the session was issued.
  if (!profile) throw httpErrors.unauthorized();
  return json(profile);
});

export const PATCH = route(async (request) => {
  const user = await requireUser();
  return json(await updateAccountSettings(user.id, await readJson(request, accountSettingsBody)));
});
