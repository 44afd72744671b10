// Support for the administration tests: CSV uploads and a second web server (a database of a
// test's own is in ./own-database).
import { getFreePort } from "../../scripts/lib/ports";
import { startWebServer, type WebServer } from "../../scripts/lib/web";
import type { Session } from "./http";
import { stackWebEnv } from "./stack";

/** POSTs `body` to the import route as `session` (text/csv unless told otherwise). */
export async function postCsv(
  session: Session,
  body: string | Uint8Array,
  options: { query?: string; contentType?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await session.fetch(`/api/admin/users/import${options.query ?? ""}`, {
    method: "POST",
    headers: { "content-type": options.contentType ?? "text/csv" },
    body: typeof body === "string" ? body : Buffer.from(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/**
 * Another `next start` of the shared build, on the stack's database and Soketi unless told
 * otherwise (its own database, or a port where no realtime server listens).
 */
export async function startOtherWebServer(
  overrides: { databaseUrl?: string; pusherPort?: number } = {},
): Promise<WebServer> {
  return startWebServer({
    mode: "start",
    port: await getFreePort(),
    env: stackWebEnv(overrides),
    quiet: true,
  });
}
