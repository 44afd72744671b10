// GET /api/metrics – the app's Prometheus metrics, for an admin session or
// `Authorization: Bearer ${METRICS_TOKEN}`
import { createHash, timingSafeEqual } from "node:crypto";
import { getServerEnv } from "@/env";
import { requireUser, route } from "@/server/http";
import { getMetrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

const digest = (value: string) => createHash("sha256").update(value).digest();

function hasToken(request: Request): boolean {
  const token = getServerEnv().METRICS_TOKEN;
  const header = request.headers.get("authorization") ?? "";
  if (!token || !header.startsWith("Bearer ")) return false;
  // Equal-length digests: the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(header.slice("Bearer ".length).trim()), digest(token));
}

export const GET = route(async (request) => {
  if (!hasToken(request)) await requireUser("ADMIN");
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
});
