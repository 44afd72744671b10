// GET|POST /api/auth/* – Auth.js v5 standard routes (csrf, session, callback/credentials, signout)
import { handlers, signInKeysFor } from "@/server/auth";
import { errorAnswer, gated } from "@/server/http";
import { httpErrors } from "@/server/errors";
import { signInRetryAfter } from "@/server/rate-limit";

// The API checks of every route (server/http.ts, gated) before Auth.js's own.
export const GET = gated(handlers.GET);

/**
 * A credentials sign-in while the account or the address is throttled is answered 429 with
 * Retry-After before Auth.js sees it (contract §10), and a database that is down 503.
 */
export const POST = gated(async (request: Request): Promise<Response> => {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    try {
      const form = new URLSearchParams(await request.clone().text());
      const keys = signInKeysFor(form.get("email") ?? "", request);
      const retryAfter = await signInRetryAfter(keys);
      if (retryAfter > 0) throw httpErrors.rateLimited(retryAfter);
    } catch (error) {
      return errorAnswer(request, error);
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
});
