import "server-only";

/** Largest request body any API route accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

/** An error a client can cause; mapped to `{error: {code, message}}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const httpErrors = {
  badRequest: (message: string) => new HttpError(400, "bad_request", message),
  unauthorized: () => new HttpError(401, "unauthorized", "Sign in first"),
  forbidden: (message = "You may not do this") => new HttpError(403, "forbidden", message),
  notFound: (what: string) => new HttpError(404, "not_found", `${what} not found`),
  conflict: (message: string) => new HttpError(409, "conflict", message),
  tooLarge: (limit = MAX_BODY_BYTES) =>
    new HttpError(413, "payload_too_large", `Request body exceeds ${limit} bytes`),
  invalid: (message: string) => new HttpError(422, "validation_failed", message),
  forbiddenOrigin: () =>
    new HttpError(403, "forbidden_origin", "Cross-origin requests may not change anything"),
  unsupportedMediaType: (expected: string) =>
    new HttpError(415, "unsupported_media_type", `Send the body as ${expected}`),
  rateLimited: (retryAfterSeconds: number) =>
    new HttpError(429, "rate_limited", "Too many requests; try again later", {
      "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
    }),
  unavailable: () =>
    new HttpError(503, "unavailable", "The service is temporarily unavailable; try again shortly", {
      "Retry-After": "5",
    }),
};
