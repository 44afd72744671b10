import "server-only";

/** Largest request body any API route accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

/** An error a client can cause; mapped to `{error: {code, message}}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
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
};
