// GET /api/openapi.json and /api/docs on the real app, and real answers checked against the document.
import { beforeAll, describe, expect, it } from "vitest";
import { apiOperations, getOpenApiDocument } from "../../web/server/openapi/document";
import { errorResponse } from "../../web/server/openapi/responses";
import { type ApiOperation } from "../../web/server/openapi/operation";
import { UNKNOWN_ID } from "../helpers/api";
import { buildCourseWorld, TEST_PASSWORD } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";

type World = Awaited<ReturnType<typeof buildCourseWorld>>;
type Answer = { status: number; body: unknown };
type Schema = NonNullable<ApiOperation["success"]["schema"]>;

function operation(method: string, path: string) {
  const found = apiOperations.find((op) => op.method === method && op.path === path);
  if (!found) throw new Error(`${method} ${path} is not in the document`);
  return found;
}

function issuesOf(schema: Schema, body: unknown) {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues;
}

/** The answer is the operation's documented success: its status, and its schema where it has one. */
function expectDocumented(method: string, path: string, answer: Answer) {
  const op = operation(method, path);
  expect(answer.status, `${method} ${path}`).toBe(op.success.status);
  if (op.success.schema) expect(issuesOf(op.success.schema, answer.body)).toEqual([]);
  return answer.body as Record<string, unknown> & { id: string };
}

/** The answer is one of the operation's documented error statuses, in the shared error shape. */
function expectDocumentedError(method: string, path: string, answer: Answer, status: number) {
  expect(answer.status).toBe(status);
  const documented = getOpenApiDocument().paths[path]![method] as { responses: object };
  expect(Object.keys(documented.responses)).toContain(String(status));
  expect(issuesOf(errorResponse, answer.body)).toEqual([]);
}

const send = (session: Session, method: string, path: string, body?: unknown) =>
  session.json(path, {
    method,
    ...(body !== undefined && {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  });

describe("the served document", () => {
  it("GET /api/openapi.json is the generated document, as JSON", async () => {
    const response = await new Session().fetch("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const served = (await response.json()) as { openapi: string };
    expect(served.openapi).toMatch(/^3\.1\./);
    expect(served).toEqual(JSON.parse(JSON.stringify(getOpenApiDocument())));
  });

  it("GET /api/docs is a self-contained page listing every operation", async () => {
    const response = await new Session().fetch("/api/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).not.toMatch(/<script|<link|src=/i);
    expect(page).not.toMatch(/href="https?:/i);
    for (const op of apiOperations) {
      expect(page).toContain(`${op.method.toUpperCase()} ${op.path.replace(/&/g, "&#38;")}`);
    }
  });
});

describe("real answers match the document", () => {
  let world: World;
  let student: Session;
  let outsider: Session;
  let teacher: Session;
  let admin: Session;

  beforeAll(async () => {
    world = await buildCourseWorld();
    const users = [world.enrolled, world.outsider, world.teacher, world.admin];
    const sessions = await Promise.all(users.map((u) => signedIn(u.email, TEST_PASSWORD)));
    [student, outsider, teacher, admin] = sessions as [Session, Session, Session, Session];
  });

  it("reads: profile, catalog, course, dashboard, health, announcements", async () => {
    expectDocumented("get", "/api/me", await student.json("/api/me"));
    expectDocumented("get", "/api/courses", await student.json("/api/courses"));
    const course = `/api/courses/${world.course.id}`;
    expectDocumented("get", "/api/courses/{id}", await teacher.json(course));
    expectDocumented("get", "/api/dashboard", await admin.json("/api/dashboard"));
    expectDocumented("get", "/api/health", await new Session().json("/api/health"));
    expectDocumented("get", "/api/admin/online", await admin.json("/api/admin/online"));
  });

  it("payments: submit, list, filter, approve", async () => {
    const path = "/api/payments";
    const body = { courseId: world.course.id, amountCents: 1234 };
    const payment = expectDocumented("post", path, await send(student, "POST", path, body));
    expectDocumented("get", path, await student.json(path));
    expectDocumented("get", path, await admin.json(`${path}?status=PENDING`));
    const approve = `/api/payments/${payment.id}/approve`;
    expectDocumented("post", "/api/payments/{id}/approve", await send(admin, "POST", approve));
    const again = await send(admin, "POST", approve);
    expectDocumentedError("post", "/api/payments/{id}/approve", again, 409);
  });

  it("teaching, enrollment, notifications, announcements", async () => {
    const ids = { studentId: world.enrolled.id, courseId: world.course.id };
    const score = expectDocumented(
      "post",
      "/api/scores",
      await send(teacher, "POST", "/api/scores", { ...ids, score: 7, maxScore: 10 }),
    );
    expectDocumented(
      "patch",
      "/api/scores/{id}",
      await send(teacher, "PATCH", `/api/scores/${score.id}`, { score: 8 }),
    );
    const attendance = { ...ids, date: "2026-03-02", status: "present" };
    expectDocumented(
      "post",
      "/api/attendance",
      await send(teacher, "POST", "/api/attendance", attendance),
    );
    expectDocumented(
      "post",
      "/api/enrollments",
      await send(outsider, "POST", "/api/enrollments", { courseId: world.course.id }),
    );

    const inbox = expectDocumented(
      "get",
      "/api/notifications",
      await student.json("/api/notifications?limit=5"),
    ) as unknown as { items: { id: string }[] };
    const read = `/api/notifications/${inbox.items[0]!.id}/read`;
    expectDocumented("post", "/api/notifications/{id}/read", await send(student, "POST", read));
    const readAll = await send(student, "POST", "/api/notifications/read-all");
    expectDocumented("post", "/api/notifications/read-all", readAll);

    const announcement = { title: "Docs", message: "The API documents itself" };
    const posted = await send(admin, "POST", "/api/announcements", announcement);
    expectDocumented("post", "/api/announcements", posted);
    expectDocumented("get", "/api/announcements", await new Session().json("/api/announcements"));
  });

  it("Auth.js's pages and redirects answer as documented", async () => {
    const pages = apiOperations.filter((op) => op.handledBy === "authjs" && op.method === "get");
    for (const op of pages) {
      const response = await new Session().fetch(op.path);
      await response.arrayBuffer();
      expect(response.status, op.path).toBe(op.success.status);
      if (op.success.kind === "redirect") expect(response.headers.get("location")).toBeTruthy();
    }
  });

  it("Auth.js and the Pusher endpoints", async () => {
    expectDocumented("get", "/api/auth/csrf", await new Session().json("/api/auth/csrf"));
    expectDocumented("get", "/api/auth/session", await student.json("/api/auth/session"));
    expectDocumented("get", "/api/auth/session", await new Session().json("/api/auth/session"));
    const form = (fields: Record<string, string>) => ({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    const channel = `private-user-${world.enrolled.id}`;
    const auth = await student.json(
      "/api/pusher/auth",
      form({ socket_id: "123.456", channel_name: channel }),
    );
    expectDocumented("post", "/api/pusher/auth", auth);
    const userAuth = await student.json("/api/pusher/user-auth", form({ socket_id: "123.456" }));
    expectDocumented("post", "/api/pusher/user-auth", userAuth);
  });

  it("errors use the shared shape with a documented status", async () => {
    const anonymous = new Session();
    expectDocumentedError("get", "/api/me", await anonymous.json("/api/me"), 401);
    const lost = await admin.json("/api/payments?status=LOST");
    expectDocumentedError("get", "/api/payments", lost, 400);
    expectDocumentedError(
      "post",
      "/api/payments",
      await send(student, "POST", "/api/payments", {}),
      422,
    );
    const unknown = await student.json(`/api/courses/${UNKNOWN_ID}`);
    expectDocumentedError("get", "/api/courses/{id}", unknown, 404);
    const notAdmin = await send(student, "POST", "/api/announcements", {
      title: "t",
      message: "m",
    });
    expectDocumentedError("post", "/api/announcements", notAdmin, 403);
  });
});
