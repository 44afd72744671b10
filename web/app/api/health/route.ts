// GET /api/health – PostgreSQL, the realtime server's acceptance of the app's credentials and the
// outbox backlog: 200 when all are fine, else 503 naming each failing part (contract §10)
import { getSessionUser } from "@/server/auth";
import { json, route } from "@/server/http";
import { checkHealth, downParts } from "@/server/health";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const report = await checkHealth();
  const down = downParts(report);
  if (down.length > 0) {
    // The reasons go to the log; anonymous callers see only which parts are down.
    const reasons = down.map((part) => `${part}: ${report[part].error}`).join("; ");
    console.warn(`[health] down: ${reasons}`);
  }
  // Details (errors, latencies, the backlog) only for an admin; the session check needs the
  // database, so with the database down everyone gets the short answer.
  const admin = report.db.ok ? await getSessionUser().catch(() => null) : null;
  return json(
    {
      db: report.db.ok ? "up" : "down",
      realtime: report.realtime.ok ? "up" : "down",
      outbox: report.outbox.ok ? "up" : report.outbox.unknown ? "unknown" : "down",
      ...(admin?.role === "ADMIN" && {
        checks: { db: report.db, realtime: report.realtime, outbox: report.outbox },
        backlog: report.backlog,
      }),
      ...(down.length > 0 && {
        down,
        error: { code: "unavailable", message: `Down: ${down.join(", ")}` },
      }),
    },
    down.length === 0 ? 200 : 503,
  );
});
