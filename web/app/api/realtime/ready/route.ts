// GET /api/realtime/ready – answers as soon as the realtime server is reachable again (long poll)
import { json, readQuery, route } from "@/server/http";
import { waitForRealtime } from "@/server/realtime/readiness";
import { realtimeReadyQuery } from "@/lib/validation";

export const GET = route(async (request) => {
  const { wait } = readQuery(request, realtimeReadyQuery);
  const ready = await waitForRealtime(wait * 1000, request.signal);
  return json({ ready });
});
