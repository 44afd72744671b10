import "server-only";
import { NextResponse } from "next/server";
import { type z } from "zod";
import { getSessionUser, type SessionUser } from "@/server/auth";
import { isCuid, type Role } from "@/lib/domain";
import pTimeout from "p-timeout";
import { getServerEnv } from "@/env";
import { getDb } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db-errors";
import { HttpError, httpErrors, MAX_BODY_BYTES } from "@/server/errors";
import { getMetrics, routePattern } from "@/server/metrics";
import { withRequestContext } from "@/server/request-context";
import { checkApiRequest, HSTS, type ApiRefusal } from "@/server/api-gate";
import { ownOrigin } from "@/server/client-address";

export { HttpError, httpErrors, MAX_BODY_BYTES };

/** Below this a body is not worth compressing (the threshold of Next's own compression). */
const COMPRESS_MIN_BYTES = 1024;

/**
 * A JSON answer. Next streams route handlers' bodies without a length, so its compression
 * cannot apply its 1 KB threshold and gzipped every small API answer (the largest cost of a
 * channel authorization); a small body says `no-transform`, which compression honours.
 */
function jsonResponse(data: unknown, status: number): NextResponse {
  const body = JSON.stringify(data) ?? "null";
  const small = Buffer.byteLength(body) < COMPRESS_MIN_BYTES;
  return new NextResponse(body, {
    status,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": small ? "no-store, no-transform" : "no-store",
    },
  });
}

export function errorResponse(status: number, code: string, message: string) {
  return jsonResponse({ error: { code, message } }, status);
}

export function json(data: unknown, status = 200) {
  return jsonResponse(data, status);
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

type MediaType = "json" | "form" | "csv" | "text";
const MEDIA_TYPES: Record<MediaType, (type: string) => boolean> = {
  json: (type) => type === "application/json" || /^application\/[\w.-]+\+json$/.test(type),
  form: (type) => type === "application/x-www-form-urlencoded",
  csv: (type) => type === "text/csv",
  // The channel-auth routes parse anything as a form, as pusher-js's own transports send it.
  text: (type) => type === "" || type === "text/plain",
};
const MEDIA_NAMES: Record<MediaType, string> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
  csv: "text/csv",
  text: "text/plain",
};

/**
 * A request that carries a body must declare one of the media types the route reads (415
 * otherwise): a cross-site form or a `text/plain` fetch cannot pass as JSON.
 */
function checkMediaType(request: Request, accepts: readonly MediaType[]) {
  // HTTP/1.1 frames a body with Content-Length or Transfer-Encoding; without either there is
  // none, even though the runtime hands route handlers an (empty) body stream for a DELETE.
  const hasBody =
    Number(request.headers.get("content-length") ?? "0") > 0 ||
    request.headers.has("transfer-encoding");
  if (!hasBody) return;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!accepts.some((media) => MEDIA_TYPES[media](type)))
    throw httpErrors.unsupportedMediaType(accepts.map((media) => MEDIA_NAMES[media]).join(" or "));
}

/**
 * The answer to an error thrown by a handler: an HttpError is its status; a database that is
 * down or hung is 503 `unavailable` (contract §10); anything else is logged and answered 500
 * with no internals, unless the database turns out to be unreachable after all.
 */
export async function errorAnswer(request: Request, error: unknown): Promise<Response> {
  // A route parameter that is not valid percent-encoding fails when it is decoded.
  if (error instanceof URIError)
    error = httpErrors.badRequest("The path is not valid percent-encoding");
  if (!(error instanceof HttpError) && (isDatabaseUnavailable(error) || !(await databaseAnswers())))
    error = httpErrors.unavailable();
  if (error instanceof HttpError) {
    const response = errorResponse(error.status, error.code, error.message);
    for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
    if (error.status === 503)
      console.warn(
        `[api] ${request.method} ${new URL(request.url).pathname}: database unavailable`,
      );
    return response;
  }
  console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed`, error);
  return errorResponse(500, "internal_error", "Something went wrong on our side");
}

/** A short SELECT 1: tells a bug from a database that went away under the request. */
async function databaseAnswers(): Promise<boolean> {
  try {
    await pTimeout(getDb().$queryRaw`SELECT 1`, { milliseconds: 400 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Wraps a route handler: first the checks every API request passes (server/api-gate.ts: a
 * foreign Origin 403, multipart 415, HSTS over TLS), then HttpErrors become their status, a
 * database failure 503, anything unexpected is logged and answered 500 with no internals (a
 * client can never trigger that on purpose). `maxBodyBytes` raises the body limit for a route
 * that takes files (read them with readBodyBytes); `accepts` names the body media types it reads
 * (default JSON: 415 otherwise).
 */
export function route<C>(
  handler: Handler<C>,
  options: {
    maxBodyBytes?: number;
    accepts?: readonly MediaType[];
  } = {},
): Handler<C> {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const accepts = options.accepts ?? ["json"];
  return async (request, context) => {
    const started = performance.now();
    const path = new URL(request.url).pathname;
    const context_ = { method: request.method, path, userLimited: false };
    const gate = checkApiRequest(request, path, getServerEnv());
    const response = await withRequestContext(context_, async () => {
      try {
        if (gate.refusal) return refusalResponse(gate.refusal);
        // Every route refuses oversized bodies, even those that never read theirs.
        if (Number(request.headers.get("content-length") ?? "0") > limit) {
          throw httpErrors.tooLarge(limit);
        }
        checkMediaType(request, accepts);
        // A streamed (chunked) body declares no length: read it under the limit now, so a route
        // that ignores its body (approve, read-all…) cannot act on an oversized request either.
        if (request.body && !request.headers.has("content-length")) {
          const bytes = await readBodyBytes(request, limit);
          request = new Request(request.url, {
            method: request.method,
            headers: request.headers,
            body: bytes,
          });
        }
        return await handler(request, context);
      } catch (error) {
        return errorAnswer(request, error);
      }
    });
    getMetrics().requestDuration.observe(
      { method: request.method, route: routePattern(path), status: String(response.status) },
      (performance.now() - started) / 1000,
    );
    return gate.tls ? withHsts(response) : response;
  };
}

/** The answer to a request the API checks refused. */
function refusalResponse({ status, code, message }: ApiRefusal): Response {
  return errorResponse(status, code, message);
}

/**
 * The response with HSTS. Response.redirect()'s headers are immutable (Auth.js answers a failed
 * sign-in with one): such a response is copied first.
 */
function withHsts(response: Response): Response {
  try {
    response.headers.set(...HSTS);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(...HSTS);
    return copy;
  }
}

/**
 * A handler of the API that is not a route() (Auth.js's own, web/app/api/auth/[...nextauth]):
 * the same API checks first, nothing else of route().
 */
export function gated<R extends Request>(
  handler: (request: R) => Promise<Response>,
): (request: R) => Promise<Response> {
  return async (request) => {
    const gate = checkApiRequest(request, new URL(request.url).pathname, getServerEnv());
    if (gate.refusal) return refusalResponse(gate.refusal);
    const response = await handler(request);
    return gate.tls ? withHsts(response) : response;
  };
}

/** Reads the raw body as text, refusing anything over MAX_BODY_BYTES with 413. */
export async function readBodyText(request: Request): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request));
}

/** Reads the raw body, refusing anything over `limit` bytes with 413 (declared or streamed). */
export async function readBodyBytes(
  request: Request,
  limit = MAX_BODY_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw httpErrors.tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader, size);
      throw httpErrors.tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** How much of an oversized body is read and dropped so the client still gets its 413. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads and drops the rest of an oversized body (up to 1 MiB in all): cancelling the stream
 * resets the connection, and a client still sending would see ECONNRESET instead of the 413.
 * Anything larger is cut off.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number) {
  let size = alreadyRead;
  while (size <= DRAIN_LIMIT_BYTES) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
  }
  await reader.cancel();
}

/** Formats zod issues as "field: message; field2: message" so the client sees which field. */
export function describeIssues(error: z.ZodError, whole = "body"): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : whole}: ${issue.message}`)
    .join("; ");
}

/**
 * Parses the query string against a schema: 400 naming each bad parameter. A repeated
 * parameter counts by its first value, as `URLSearchParams.get` reads it.
 */
export function readQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) query[name] ??= value;
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw httpErrors.badRequest(describeIssues(parsed.error, "query"));
  return parsed.data;
}

/** Parses a JSON body against a schema: 400 for non-JSON, 422 naming each bad field. */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<z.infer<T>> {
  const text = await readBodyText(request);
  let data: unknown = {};
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      throw httpErrors.badRequest("Request body must be valid JSON");
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw httpErrors.invalid(describeIssues(parsed.error));
  return parsed.data;
}

/** Validates a route parameter (e.g. an id): 404 for anything malformed. */
export function parseId(value: string | undefined, what: string): string {
  if (!isCuid(value)) throw httpErrors.notFound(what);
  return value;
}

/** The signed-in user, optionally restricted to some roles: 401 without a session, 403 otherwise. */
export async function requireUser(...roles: Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw httpErrors.unauthorized();
  if (roles.length > 0 && !roles.includes(user.role)) {
    throw httpErrors.forbidden(`This needs the role ${roles.join(" or ")}`);
  }
  return user;
}

/** The origin the client called (behind a trusted proxy: X-Forwarded-Host/Proto), for links. */
export function requestOrigin(request: Request): string {
  return ownOrigin(request.headers, request.url, getServerEnv().TRUST_PROXY);
}
