import "server-only";
import { z } from "zod";
import { MAX_BODY_BYTES } from "@/server/errors";
import { idSchema } from "@/lib/validation";
import { adminOperations } from "./admin-operations";
import { appOperations } from "./operations";
import { protocolOperations } from "./protocol-operations";
import { errorResponse } from "./responses";
import { type ApiOperation, type ErrorStatus } from "./operation";

/** Every operation of the HTTP API: the app's routes, then Auth.js's and the Pusher protocol's. */
export const apiOperations: ApiOperation[] = [
  ...appOperations,
  ...adminOperations,
  ...protocolOperations,
];

type JsonSchema = Record<string, unknown>;

/** What each error status means across the API (docs/api.md says the same for people). */
export const ERROR_MEANINGS: Record<ErrorStatus, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "Malformed: not JSON, or a bad query parameter (named)" },
  401: { name: "Unauthorized", description: "No valid session (or, for webhooks, signature)" },
  403: {
    name: "Forbidden",
    description: "Not allowed (role, course, channel), or a state change from a foreign Origin",
  },
  404: { name: "NotFound", description: "No such id, a malformed id, or not the caller's" },
  409: { name: "Conflict", description: "The current state forbids it (already done)" },
  410: {
    name: "Gone",
    description: "No longer available: an expired or unknown event id, a spent setup link",
  },
  413: { name: "PayloadTooLarge", description: `Body over ${MAX_BODY_BYTES} bytes` },
  415: { name: "UnsupportedMediaType", description: "The body is not of the documented type" },
  422: { name: "ValidationFailed", description: "Well-formed but invalid: names each bad field" },
  429: {
    name: "RateLimited",
    description: "Too many requests or failed sign-ins: see Retry-After",
  },
  503: { name: "Unavailable", description: "A service this needs is not reachable right now" },
};

function toJsonSchema(schema: z.ZodType): JsonSchema {
  // The input side: what a client sends (before defaults and transforms).
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
  });
  return rest;
}

const responseJsonSchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { unrepresentable: "any" });
  return rest;
};

const operationId = (op: ApiOperation) =>
  op.method +
  op.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");

/** The tag is the resource: the path's first segment after /api. */
export const tagOf = (path: string) => path.split("/")[2] ?? "api";

function parameters(op: ApiOperation) {
  const inPath = Object.entries(op.params ?? {}).map(([name, description]) => ({
    name,
    in: "path",
    required: true,
    description: `${description}'s id (a cuid; malformed is a 404)`,
    schema: toJsonSchema(idSchema),
  }));
  if (!op.query) return inPath;
  const query = toJsonSchema(op.query) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const required = new Set(query.required ?? []);
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: required.has(name), description, schema: rest };
  });
  return [...inPath, ...inQuery];
}

const CONTENT_TYPES = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
  csv: "text/csv",
};

function requestBody(op: ApiOperation) {
  if (!op.body) return undefined;
  const schema = toJsonSchema(op.body.schema);
  return {
    // A body whose every field is optional may be left out.
    required: !op.body.schema.safeParse({}).success,
    content: Object.fromEntries(op.body.as.map((as) => [CONTENT_TYPES[as], { schema }])),
  };
}

function success(op: ApiOperation) {
  const { description, schema, kind } = op.success;
  if (kind === "redirect") {
    return { description, headers: { Location: { schema: { type: "string" } } } };
  }
  if (kind === "html")
    return { description, content: { "text/html": { schema: { type: "string" } } } };
  const body = schema ? responseJsonSchema(schema) : { type: "object" };
  return { description, content: { "application/json": { schema: body } } };
}

function responses(op: ApiOperation) {
  const entries: [string, unknown][] = [[String(op.success.status), success(op)]];
  for (const other of op.otherResponses) {
    entries.push([
      String(other.status),
      {
        description: other.description,
        content: { "application/json": { schema: responseJsonSchema(other.schema) } },
      },
    ]);
  }
  for (const status of op.errors) {
    entries.push([
      String(status),
      { $ref: `#/components/responses/${ERROR_MEANINGS[status].name}` },
    ]);
  }
  return Object.fromEntries(entries);
}

const SECURITY = {
  session: [{ sessionCookie: [] }],
  none: [],
  "webhook-signature": [{ webhookSignature: [] }],
};

function operationObject(op: ApiOperation) {
  return {
    operationId: operationId(op),
    tags: [tagOf(op.path)],
    summary: op.summary,
    description: [`Who may call it: ${op.who}.`, op.description].filter(Boolean).join(" "),
    "x-who": op.who,
    security: SECURITY[op.auth],
    parameters: parameters(op),
    requestBody: requestBody(op),
    responses: responses(op),
  };
}

function build() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of apiOperations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const errorSchema = responseJsonSchema(errorResponse);
  return {
    openapi: "3.1.1",
    info: {
      title: "LiveCampus HTTP API",
      version: "1",
      description:
        "JSON over HTTP with the Auth.js session cookie. Conventions (authentication, errors, " +
        "limits, ids) are in docs/api.md; the realtime channels and events in docs/realtime.md.",
    },
    tags: [...new Set(apiOperations.map((op) => tagOf(op.path)))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: errorSchema },
      responses: Object.fromEntries(
        Object.values(ERROR_MEANINGS).map(({ name, description }) => [
          name,
          {
            description,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        ]),
      ),
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "Set by POST /api/auth/callback/credentials (`__Secure-` over HTTPS)",
        },
        webhookSignature: {
          type: "apiKey",
          in: "header",
          name: "X-Pusher-Signature",
          description: "HMAC-SHA256 of the raw body with the app secret, as Soketi signs it",
        },
      },
    },
  };
}

let cached: ReturnType<typeof build> | undefined;

/** The OpenAPI 3.1 document, generated from the routes' own zod schemas (built once). */
export function getOpenApiDocument() {
  cached ??= build();
  return cached;
}
