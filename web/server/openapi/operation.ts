import "server-only";
import { type z } from "zod";
import { type Role } from "@/lib/domain";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The error statuses the routes answer with `{"error": {"code", "message"}}` (docs/api.md). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

/** Who may call an operation, how they are recognised, and what the guard answers otherwise. */
export type Access = {
  who: string;
  auth: "session" | "none" | "webhook-signature";
  errors: ErrorStatus[];
};

export const anyone: Access = { who: "anyone", auth: "none", errors: [] };
/** `requireUser()`: 401 without a session. */
export const signedIn: Access = { who: "signed in", auth: "session", errors: [401] };
/** `requireUser(role)`: 401 without a session, 403 for another role. */
export const role = (name: Role, who: string = name): Access => ({
  who,
  auth: "session",
  errors: [401, 403],
});

type MediaType = "json" | "form" | "csv";
export type Body = { schema: z.ZodType; as: MediaType[]; errors: ErrorStatus[] };

/** A body read with `readJson`: 400 when it is not JSON, 422 naming each bad field. */
export const jsonBody = (schema: z.ZodType): Body => ({ schema, as: ["json"], errors: [400, 422] });

/** `[status, description, schema]`; a 3xx is a redirect, `"html"` a page. */
type Answer = [status: number, description: string, body?: z.ZodType | "html"];

/** One operation as the tables in operations.ts and protocol-operations.ts write it. */
export type OperationEntry = {
  summary: string;
  access: Access;
  description?: string;
  /** Path parameters (all database ids, read with `parseId`: malformed is a 404). */
  params?: Record<string, string>;
  /** Read with `readQuery`: a bad parameter is a 400. */
  query?: z.ZodObject;
  body?: Body;
  ok: Answer;
  /** The errors the service adds to those of the guard, the body, the query and the params. */
  errors?: ErrorStatus[];
  /** Answers that are neither the success nor the shared error shape (e.g. health's 503). */
  other?: [status: number, description: string, schema: z.ZodType][];
  /** Auth.js answers these itself: the app's 64 KB body check does not run first. */
  handledBy?: "authjs";
};

/** One operation, normalised for the document and the docs page. */
export type ApiOperation = Omit<OperationEntry, "access" | "ok" | "errors" | "other"> & {
  method: HttpMethod;
  path: string;
  who: string;
  auth: Access["auth"];
  success: {
    status: number;
    description: string;
    schema?: z.ZodType;
    kind: "json" | "redirect" | "html";
  };
  /** Every error status it can answer, in the shared error shape. */
  errors: ErrorStatus[];
  otherResponses: { status: number; description: string; schema: z.ZodType }[];
};

/** Turns a table keyed by `"POST /api/payments"` into operations, deriving the error statuses. */
export function defineOperations(table: Record<string, OperationEntry>): ApiOperation[] {
  return Object.entries(table).map(([key, entry]) => {
    const [method, path] = key.split(" ") as [string, string];
    const { access, ok, errors = [], other = [], ...rest } = entry;
    const [status, description, body] = ok;
    const kind = body === "html" ? "html" : status >= 300 && status < 400 ? "redirect" : "json";
    const derived = [
      ...access.errors,
      ...(entry.body?.errors ?? []),
      ...(entry.query ? [400 as const] : []),
      ...(entry.params ? [404 as const] : []),
      // Every app route refuses an oversized body before anything else.
      ...(entry.handledBy === "authjs" ? [] : [413 as const]),
      // State-changing: a foreign Origin is 403; a body of another media type 415; signed-in
      // callers have a per-user rate limit (429).
      ...(method === "GET" || access.auth === "webhook-signature" ? [] : [403 as const]),
      ...(method !== "GET" && entry.body ? [415 as const] : []),
      ...(method !== "GET" && access.auth === "session" ? [429 as const] : []),
      // A database that is down or hung: 503 `unavailable` (contract §10).
      ...(other.some(([code]) => code === 503) ? [] : [503 as const]),
      ...errors,
    ];
    return {
      ...rest,
      method: method.toLowerCase() as HttpMethod,
      path,
      who: access.who,
      auth: access.auth,
      success: { status, description, schema: body === "html" ? undefined : body, kind },
      errors: [...new Set(derived)].sort(),
      otherResponses: other.map(([status, description, schema]) => ({
        status,
        description,
        schema,
      })),
    };
  });
}
