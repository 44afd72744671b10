// Fuzzing (issue: hardening): requests generated with fast-check across every operation of the
// app's OpenAPI document (GET /api/openapi.json, built from web/server/openapi/operations.ts):
// wrong types, missing fields, huge and negative numbers, bad dates, bad JSON, other media
// types, oversized and chunked bodies, foreign origins, any session. Correctness: no answer
// ≥ 500, the server answers throughout, and a rejected request (≥ 400) leaves the database as it
// was (a checksum of every table's rows, taken after each request).
import fc from "fast-check";
import type { PrismaClient } from "../../scripts/lib/db-client.ts";
import { testCuid } from "../helpers/ids.ts";
import { mintCookie } from "./fleet.ts";
import type { Check } from "./scenarios.ts";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};
type Operation = {
  method: string;
  path: string;
  params: string[];
  query: Record<string, JsonSchema>;
  body?: { type: string; schema: JsonSchema };
};
type FuzzRequest = {
  op: Operation;
  path: string;
  session: string;
  headers: Record<string, string>;
  body?: string;
  chunked: boolean;
};

export type FuzzResult = {
  requests: number;
  operations: number;
  statuses: Record<string, number>;
  serverErrors: string[];
  changedByRejected: string[];
  networkErrors: string[];
  seconds: number;
  seed: number;
};

/** Tables whose rows a request may change; columns the outbox dispatcher updates later are left out. */
const CHECKSUM_SQL = `
  SELECT md5(string_agg(part, '|' ORDER BY part)) AS sum FROM (
    SELECT 'u' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS part FROM "User" t
    UNION ALL SELECT 'c' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "Course" t
    UNION ALL SELECT 'e' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "Enrollment" t
    UNION ALL SELECT 'p' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "Payment" t
    UNION ALL SELECT 's' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "Score" t
    UNION ALL SELECT 'a' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "Attendance" t
    UNION ALL SELECT 'n' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "Notification" t
    UNION ALL SELECT 'm' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "Announcement" t
    UNION ALL SELECT 't' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "PasswordSetupToken" t
    UNION ALL SELECT 'o' || count(*)::text || md5(coalesce(string_agg(id, ',' ORDER BY id), '')) FROM "OutboxEvent"
      WHERE NOT (event = 'stats-update' AND payload->'stats' ? 'onlineUsers')
  ) parts`;
// The online count above is left out: the app's own timer re-reads it from Soketi and publishes
// it (web/server/realtime/online-reconcile.ts), whatever request happens to be in flight; only a
// signed webhook could cause one, and the fuzzer has no signature.

async function checksum(db: PrismaClient): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ sum: string }[]>(CHECKSUM_SQL);
  return rows[0]!.sum;
}

type OpenApiDocument = { paths: Record<string, Record<string, Record<string, unknown>>> };

/** The operations of an OpenAPI document, with their parameters and body schemas. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const parameters = (raw.parameters ?? []) as {
        name: string;
        in: string;
        schema: JsonSchema;
      }[];
      const content = (raw.requestBody as { content?: Record<string, { schema: JsonSchema }> })
        ?.content;
      const [type, media] = Object.entries(content ?? {})[0] ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === "path").map((p) => p.name),
        query: Object.fromEntries(
          parameters.filter((p) => p.in === "query").map((p) => [p.name, p.schema ?? {}]),
        ),
        ...(type && media ? { body: { type, schema: media.schema } } : {}),
      });
    }
  }
  return ops;
}

async function loadOperations(webUrl: string): Promise<Operation[]> {
  const response = await fetch(new URL("/api/openapi.json", webUrl));
  return operationsOf((await response.json()) as OpenApiDocument);
}

type World = { ids: string[]; sessions: string[] };

/** `count` generated requests over `ops` (reproducible from `seed`). */
export function generateRequests(ops: Operation[], world: World, count: number, seed: number) {
  const all = fc.oneof(...ops.map((op) => requestFor(op, world)));
  return fc.sample(all, { numRuns: count, seed });
}

/** A small world for the fuzzer's sessions: users of each role, a course, rows to point at. */
async function buildWorld(db: PrismaClient, authSecret: string) {
  const user = (role: string, name: string) => ({
    id: testCuid(),
    name,
    email: `fuzz-${name.toLowerCase().replaceAll(" ", "-")}-${Date.now()}@faults.test`,
    role,
    passwordHash: "!",
  });
  const people = [
    user("ADMIN", "Fuzz admin"),
    user("ADMIN", "Fuzz admin two"),
    user("TEACHER", "Fuzz teacher"),
    user("STUDENT", "Fuzz student"),
    user("STUDENT", "Fuzz student two"),
  ];
  await db.user.createMany({ data: people as never });
  const [admin, , teacher, student] = people as [
    (typeof people)[0],
    unknown,
    (typeof people)[0],
    (typeof people)[0],
  ];
  const course = await db.course.create({ data: { title: "Fuzz course", teacherId: teacher.id } });
  const enrollment = await db.enrollment.create({
    data: { studentId: student.id, courseId: course.id },
  });
  const payment = await db.payment.create({
    data: { studentId: student.id, courseId: course.id, amountCents: 1000 },
  });
  const score = await db.score.create({
    data: { studentId: student.id, courseId: course.id, score: 5, maxScore: 10, title: "Quiz" },
  });
  const notification = await db.notification.create({
    data: { userId: student.id, title: "Hi", message: "Fuzz", type: "info" },
  });
  const cookies = await Promise.all(people.map((p) => mintCookie(authSecret, p)));
  return {
    ids: [
      admin.id,
      teacher.id,
      student.id,
      course.id,
      enrollment.id,
      payment.id,
      score.id,
      notification.id,
    ],
    sessions: ["", "authjs.session-token=garbage", ...cookies],
    courseId: course.id,
    studentId: student.id,
  };
}

/** A generated value as query or form text (objects from fc.dictionary have no prototype). */
const text = (value: unknown) =>
  typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");

const hugeNumbers = fc.constantFrom(1e308, -1e308, 2 ** 53, -(2 ** 53), 2 ** 31, -1, -0.5, 0, 1e-9);
const badDates = fc.constantFrom(
  "2026-13-45",
  "2026-02-30",
  "0000-00-00",
  "99999-01-01",
  "2026-01-01T25:61:00Z",
  "yesterday",
  "",
  "1e10",
);
const strings = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\u0000",
  ),
  fc.constant("x".repeat(5000)),
);

/** Any JSON value, leaning to the shapes that break parsers and validators. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  strings,
  hugeNumbers,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  badDates,
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);

function valueFor(schema: JsonSchema, ids: string[]): fc.Arbitrary<unknown> {
  const sensible: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) sensible.push(fc.constantFrom(...schema.enum));
  const types = [schema.type ?? []].flat();
  if (types.includes("string")) {
    sensible.push(fc.constantFrom(...ids), fc.string({ maxLength: 20 }));
    if (schema.format === "date" || schema.format === "date-time")
      sensible.push(fc.constant("2026-03-02"));
  }
  if (types.includes("integer") || types.includes("number"))
    sensible.push(fc.integer({ min: 0, max: 100_000 }));
  if (types.includes("boolean")) sensible.push(fc.boolean());
  if (types.includes("array")) sensible.push(fc.array(fc.constantFrom(...ids), { maxLength: 3 }));
  return sensible.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...sensible) }, { weight: 2, arbitrary: anyValue })
    : anyValue;
}

/** A JSON object that mostly follows the schema, with fields dropped, mistyped or added. */
function objectFor(schema: JsonSchema, ids: string[]): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(schema.properties ?? {});
  const record = Object.fromEntries(
    entries.map(([name, s]) => [name, fc.option(valueFor(s, ids), { nil: undefined })]),
  );
  return fc
    .tuple(
      fc.record(record),
      fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 2 }),
      fc.boolean(),
    )
    .map(([fields, extra, addExtra]) => {
      const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      return addExtra ? { ...clean, ...extra } : clean;
    });
}

const TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/csv",
  "application/xml",
  "",
];

function bodyFor(op: Operation, ids: string[]) {
  const schema = op.body?.schema ?? {};
  const json = fc.oneof(
    { weight: 6, arbitrary: objectFor(schema, ids).map((o) => JSON.stringify(o)) },
    { weight: 1, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? "") },
    { weight: 1, arbitrary: fc.constantFrom("{", '{"a":', "[1,2", "nul", "\uFEFF{}", "{}}", "") },
    { weight: 1, arbitrary: fc.constant(JSON.stringify({ pad: "x".repeat(70 * 1024) })) },
  );
  const form = fc
    .tuple(
      fc.option(fc.constantFrom("123.456", "1.2", "abc", "")),
      fc.option(
        fc.oneof(
          fc.constantFrom(
            ...ids.map((id) => `private-course-${id}`),
            "presence-course-x",
            "private-admin-dashboard",
          ),
          strings,
        ),
      ),
    )
    .map(([socket, channel]) => {
      const params = new URLSearchParams();
      if (socket !== null) params.set("socket_id", socket);
      if (channel !== null) params.set("channel_name", text(channel));
      return params.toString();
    });
  const csv = fc.oneof(
    fc
      .array(
        fc.tuple(
          fc.emailAddress(),
          fc.string({ maxLength: 10 }),
          fc.constantFrom("STUDENT", "TEACHER", "ADMIN", "ROOT", ""),
        ),
        { maxLength: 5 },
      )
      .map((rows) => `email,name,role\n${rows.map((r) => r.join(",")).join("\n")}`),
    strings,
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
  );
  const natural = op.body?.type.includes("csv")
    ? csv
    : op.body?.type.includes("form")
      ? form
      : json;
  return fc.oneof(
    { weight: 4, arbitrary: natural },
    { weight: 1, arbitrary: fc.oneof(json, form, csv) },
  );
}

function requestFor(op: Operation, world: World): fc.Arbitrary<FuzzRequest> {
  const idValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...world.ids) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "czzzzzzzzzzzzzzzzzzzzzzzz",
        "123",
        "-1",
        "%00",
        "..",
        "x".repeat(300),
        "%E0%A4%A",
        "null",
      ),
    },
  );
  const params = fc.tuple(...op.params.map(() => idValue));
  const query = fc.record(
    Object.fromEntries(
      Object.entries(op.query).map(([name, s]) => [
        name,
        fc.option(fc.oneof(valueFor(s, world.ids), anyValue).map(text), { nil: undefined }),
      ]),
    ),
  );
  const hasBody = op.method !== "GET";
  return fc
    .record({
      params,
      query,
      session: fc.constantFrom(...world.sessions),
      type: op.body
        ? fc.oneof(
            { weight: 5, arbitrary: fc.constant(op.body.type) },
            { weight: 2, arbitrary: fc.constantFrom(...TYPES) },
          )
        : fc.constantFrom(...TYPES),
      body: hasBody ? fc.option(bodyFor(op, world.ids), { freq: 6 }) : fc.constant(null),
      origin: fc.option(fc.constantFrom("http://evil.example", "null", "https://school.example"), {
        freq: 5,
      }),
      chunked: fc.boolean(),
    })
    .map((r) => {
      let path = op.path;
      op.params.forEach(
        (name, i) =>
          (path = path.replace(
            `{${name}}`,
            encodeURIComponent(String(r.params[i])).replaceAll("%25", "%"),
          )),
      );
      const search = new URLSearchParams(
        Object.entries(r.query).filter(([, v]) => v !== undefined) as [string, string][],
      );
      const headers: Record<string, string> = {};
      if (r.type) headers["content-type"] = r.type;
      if (r.origin) headers.origin = r.origin;
      return {
        op,
        path: search.size > 0 ? `${path}?${search}` : path,
        session: r.session,
        headers,
        ...(r.body !== null ? { body: r.body } : {}),
        chunked: r.chunked && r.body !== null,
      };
    });
}

async function send(webUrl: string, request: FuzzRequest): Promise<number> {
  const headers = new Headers(request.headers);
  if (request.session) headers.set("cookie", request.session);
  // Spread the per-address sign-in throttle (the stack trusts X-Forwarded-For).
  headers.set(
    "x-forwarded-for",
    `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`,
  );
  let body: BodyInit | undefined;
  if (request.body !== undefined) {
    const bytes = new TextEncoder().encode(request.body);
    body = request.chunked
      ? new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 4096)
              controller.enqueue(bytes.slice(i, i + 4096));
            controller.close();
          },
        })
      : Buffer.from(bytes);
  }
  const response = await fetch(new URL(request.path, webUrl), {
    method: request.op.method,
    headers,
    body,
    redirect: "manual",
    // A request the server never answers is a failure, not a stuck suite.
    signal: AbortSignal.timeout(15_000),
    ...(request.chunked ? { duplex: "half" } : {}),
  } as RequestInit);
  await response.arrayBuffer();
  return response.status;
}

/** Runs `count` generated requests one after another (each judged against the checksum). */
export async function runFuzz(options: {
  webUrl: string;
  db: PrismaClient;
  authSecret: string;
  count: number;
  seed?: number;
  log?: (line: string) => void;
}): Promise<FuzzResult> {
  const started = Date.now();
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const world = await buildWorld(options.db, options.authSecret);
  const ops = await loadOperations(options.webUrl);
  const requests = generateRequests(ops, world, options.count, seed);
  const result: FuzzResult = {
    requests: 0,
    operations: ops.length,
    statuses: {},
    serverErrors: [],
    changedByRejected: [],
    networkErrors: [],
    seconds: 0,
    seed,
  };
  let before = await checksum(options.db);
  for (const request of requests) {
    const label = `${request.op.method} ${request.path.slice(0, 120)} [${request.headers["content-type"] ?? "-"}${request.chunked ? ", chunked" : ""}]`;
    let status: number;
    try {
      status = await send(options.webUrl, request);
    } catch (error) {
      result.networkErrors.push(`${label}: ${error instanceof Error ? error.message : error}`);
      status = 0;
    }
    result.requests += 1;
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (status >= 500) result.serverErrors.push(`${status} ${label}`);
    const after = await checksum(options.db);
    if (status >= 400 && after !== before) result.changedByRejected.push(`${status} ${label}`);
    before = after;
    if (result.requests % 2000 === 0)
      options.log?.(
        `  · ${result.requests} requests (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/** Prints the fuzz figures; returns the suite's checks for them. */
export function printFuzz(result: FuzzResult, wanted: number): Check[] {
  const statuses = Object.entries(result.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
  console.log(
    `  · ${result.requests} requests over ${result.operations} operations in ${result.seconds.toFixed(1)} s (seed ${result.seed})`,
  );
  console.log(`  · statuses: ${statuses}`);
  const sample = (lines: string[]) => lines.slice(0, 5).join("; ") || "none";
  return [
    {
      name: `(f) fuzzing: ${wanted} requests sent, every operation covered`,
      ok: result.requests >= wanted,
      detail: `${result.requests} requests, ${result.operations} operations`,
      kind: "correctness",
    },
    {
      name: "(f) fuzzing: 0 answers ≥ 500, the server answered every request",
      ok: result.serverErrors.length === 0 && result.networkErrors.length === 0,
      detail: `5xx: ${result.serverErrors.length} (${sample(result.serverErrors)}); no answer: ${result.networkErrors.length} (${sample(result.networkErrors)})`,
      kind: "correctness",
    },
    {
      name: "(f) fuzzing: the database is unchanged by every rejected request",
      ok: result.changedByRejected.length === 0,
      detail: `${result.changedByRejected.length} (${sample(result.changedByRejected)})`,
      kind: "correctness",
    },
  ];
}
