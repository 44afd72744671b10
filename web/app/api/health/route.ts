// GET /api/health – liveness of the database and the realtime server (200 when both are up, else 503)
import { json, route } from "@/server/http";
import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const report = await checkHealth();
  const down = (["db", "realtime"] as const).filter((part) => !report[part].ok);
  return json(
    {
      db: report.db.ok ? "up" : "down",
      realtime: report.realtime.ok ? "up" : "down",
      checks: { db: report.db, realtime: report.realtime },
      ...(down.length > 0 && {
        down,
        error: { code: "unavailable", message: `Down: ${down.join(", ")}` },
      }),
    },
    down.length === 0 ? 200 : 503,
  );
});
