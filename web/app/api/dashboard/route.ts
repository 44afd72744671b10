// GET /api/dashboard – the caller's role-specific dashboard data
import { json, requireUser, route } from "@/server/http";
import { getDashboard } from "@/server/services/dashboard";

export const GET = route(async () => {
  const user = await requireUser();
  return json(await getDashboard(user));
});
