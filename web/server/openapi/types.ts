import "server-only";
import { type z } from "zod";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** The error statuses the routes answer with `{"error": {"code", "message"}}` (docs/api.md). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 503;

/** One operation of the HTTP API, as the document and the docs page describe it. */
export type ApiOperation = {
  method: HttpMethod;
  /** OpenAPI path: `/api/payments/{id}/approve`. */
  path: string;
  summary: string;
  /** Who may call it, for people: "ADMIN", "signed in", "anyone"… */
  who: string;
  /** How the caller is recognised: the session cookie, nobody, or Soketi's signature. */
  auth: "session" | "none" | "webhook-signature";
  description?: string;
  /** Path parameters (all database ids), name → what it identifies. */
  params?: Record<string, string>;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; as: ("json" | "form")[] };
  success: {
    status: number;
    description: string;
    schema?: z.ZodType;
    /** `redirect`: a 302 with a Location header; `html`: a page. */
    kind?: "json" | "redirect" | "html";
  };
  errors?: ErrorStatus[];
  /** Answers that are neither the success nor the shared error shape (e.g. health's 503). */
  otherResponses?: { status: number; description: string; schema: z.ZodType }[];
  /** Auth.js answers these itself: the app's 64 KB body check does not run first. */
  handledBy?: "authjs";
};
