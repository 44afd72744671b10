// GET /api/admin/system – what the admin System page shows: each health part, the outbox, Soketi's
// connections and message rate, presence per course, and the last hour's samples
import { json, requireUser, route } from "@/server/http";
import { getSystemStatus } from "@/server/services/system";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  await requireUser("ADMIN");
  return json(await getSystemStatus());
});
