// What every /api request passes before its route does anything (contract §10): a
// state-changing request from a foreign Origin is refused, and so is a multipart body, which no
// API route reads. Run by route() and gated() (server/http.ts), which every handler under /api
// is wrapped in, an unknown path's included (web/app/api/[[...path]]); not by the proxy, whose
// per-request cost was the largest part of a channel authorization's (docs/benchmarks.md, B2).
import { isAllowedOrigin, ownOrigin } from "@/server/client-address";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Soketi posts its webhooks server to server; their signature is the check there. */
const ORIGIN_EXEMPT = new Set(["/api/pusher/webhooks"]);

export type ApiRefusal = { status: number; code: string; message: string };

/**
 * Why the API request is refused before its route, or null. `tls`: the request reached the app
 * over TLS (its answer then carries HSTS).
 */
export function checkApiRequest(
  request: Pick<Request, "method" | "headers" | "url">,
  path: string,
  env: { TRUST_PROXY: boolean; ALLOWED_ORIGINS: readonly string[] },
): { refusal: ApiRefusal | null; tls: boolean } {
  const own = ownOrigin(request.headers, request.url, env.TRUST_PROXY);
  const tls = own.startsWith("https:");
  if (!STATE_CHANGING.has(request.method)) return { refusal: null, tls };
  const origin = request.headers.get("origin");
  if (
    origin !== null &&
    !ORIGIN_EXEMPT.has(path) &&
    !isAllowedOrigin(origin, own, env.ALLOWED_ORIGINS)
  )
    return {
      refusal: {
        status: 403,
        code: "forbidden_origin",
        message: "Cross-origin requests may not change anything",
      },
      tls,
    };
  // No API route reads multipart bodies; refused here, before Next would try one as a form
  // post of a server action (and fail on a malformed one where no route matches).
  const type = request.headers.get("content-type")?.trim().toLowerCase() ?? "";
  if (type.startsWith("multipart/"))
    return {
      refusal: {
        status: 415,
        code: "unsupported_media_type",
        message: "API routes do not take multipart bodies",
      },
      tls,
    };
  return { refusal: null, tls };
}

/** The header an API answer over TLS carries. */
export const HSTS = ["Strict-Transport-Security", "max-age=31536000"] as const;
