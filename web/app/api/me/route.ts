// GET /api/me – the signed-in user's profile
import { httpErrors, json, requireUser, route } from "@/server/http";
import { getProfile } from "@/server/services/users";

export const GET = route(async () => {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  // The account was deleted after the session was issued.
  if (!profile) throw httpErrors.unauthorized();
  return json(profile);
});
