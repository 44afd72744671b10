// Contract §8, users: list, create (with a password, or with a one-time setup link), edit,
// password setup, and who may call what. Real web server, database and Soketi.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adminUserCreatedResponse,
  adminUserListResponse,
  adminUserResponse,
  setupDoneResponse,
} from "../../web/server/openapi/admin-responses";
import { channels } from "../../web/lib/realtime/channels";
import { call, expectError, MALFORMED_IDS, signInAll, UNKNOWN_ID } from "../helpers/api";
import { buildCourse, buildUser, testDb } from "../helpers/factories";
import { Session } from "../helpers/http";
import { connectAs } from "../helpers/realtime";

const NEW_PASSWORD = "plum-orchard-lantern-7";
type Created = { id: string; email: string; setupUrl?: string };

let admin: Session;
let student: Session;
let teacher: Session;

beforeAll(async () => {
  const users = await Promise.all([
    buildUser({ role: "ADMIN" }),
    buildUser({ role: "STUDENT" }),
    buildUser({ role: "TEACHER" }),
  ]);
  [admin, student, teacher] = await signInAll(users);
});

const tag = () => randomUUID().slice(0, 8);
const email = (t: string) => `new-${t}@admin.livecampus.test`;

async function canSignIn(address: string, password: string) {
  return new Session().signIn(address, password);
}

describe("GET /api/admin/users", () => {
  it("filters by text and role and pages newest first", async () => {
    const t = tag();
    const made = [];
    for (const role of ["STUDENT", "TEACHER", "STUDENT"] as const)
      made.push(await buildUser({ role, name: `Listed ${t} ${role}` }));
    const all = await call<{ items: { id: string }[]; nextCursor: string | null }>(
      admin,
      "GET",
      `/api/admin/users?q=${t.toUpperCase()}`,
    );
    expect(all.status).toBe(200);
    expect(adminUserListResponse.safeParse(all.body).error).toBeUndefined();
    expect(all.body.items.map((u) => u.id)).toEqual(made.map((u) => u.id).reverse());
    expect(all.body.nextCursor).toBeNull();

    const students = await call<{ items: { id: string }[] }>(
      admin,
      "GET",
      `/api/admin/users?q=${t}&role=STUDENT`,
    );
    expect(students.body.items.map((u) => u.id)).toEqual([made[2]!.id, made[0]!.id]);

    const first = await call<{ items: { id: string }[]; nextCursor: string }>(
      admin,
      "GET",
      `/api/admin/users?q=${t}&limit=2`,
    );
    expect(first.body.items).toHaveLength(2);
    const second = await call<{ items: { id: string }[]; nextCursor: string | null }>(
      admin,
      "GET",
      `/api/admin/users?q=${t}&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((u) => u.id)).toEqual([made[0]!.id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each(["role=JANITOR", "limit=0", "limit=101", "cursor=nope"])(
    "refuses ?%s (400)",
    async (q) => {
      expectError(await call(admin, "GET", `/api/admin/users?${q}`), 400, q.split("=")[0]);
    },
  );
});

describe("POST /api/admin/users", () => {
  it("creates an account with a password, which can sign in at once", async () => {
    const t = tag();
    const answer = await call<Created>(admin, "POST", "/api/admin/users", {
      email: email(t).toUpperCase(),
      name: `Teacher ${t}`,
      role: "TEACHER",
      password: NEW_PASSWORD,
    });
    expect(answer.status).toBe(201);
    expect(adminUserCreatedResponse.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body).toMatchObject({ email: email(t), role: "TEACHER", active: true });
    expect(answer.body).not.toHaveProperty("setupUrl");
    expect(await canSignIn(email(t), NEW_PASSWORD)).toBe(true);
  });

  it("without a password returns a one-time setup link that sets it, once", async () => {
    const t = tag();
    const answer = await call<Created>(admin, "POST", "/api/admin/users", {
      email: email(t),
      name: `Student ${t}`,
      role: "STUDENT",
    });
    expect(answer.status).toBe(201);
    const link = new URL(answer.body.setupUrl!);
    expect(link.pathname).toMatch(/^\/setup\/[A-Za-z0-9_-]{40,}$/);
    const token = link.pathname.split("/")[2]!;
    // Stored hashed only.
    const stored = await testDb().passwordSetupToken.findFirstOrThrow({
      where: { userId: answer.body.id },
    });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);
    expect(await canSignIn(email(t), "")).toBe(false);

    const anonymous = new Session();
    const weak = await call(anonymous, "POST", "/api/auth/setup", { token, password: "short" });
    expectError(weak, 422, "password");
    const done = await call(anonymous, "POST", "/api/auth/setup", {
      token,
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(setupDoneResponse.parse(done.body)).toEqual({ email: email(t) });
    expect(await canSignIn(email(t), NEW_PASSWORD)).toBe(true);
    const again = await call(anonymous, "POST", "/api/auth/setup", {
      token,
      password: "another-long-passphrase",
    });
    expectError(again, 410);
  });

  it("refuses an expired or unknown setup token with 410", async () => {
    const answer = await call<Created>(admin, "POST", "/api/admin/users", {
      email: email(tag()),
      name: "Late",
      role: "STUDENT",
    });
    const token = new URL(answer.body.setupUrl!).pathname.split("/")[2]!;
    await testDb().passwordSetupToken.updateMany({
      where: { userId: answer.body.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const body = (t: string) => ({ token: t, password: NEW_PASSWORD });
    expectError(await call(new Session(), "POST", "/api/auth/setup", body(token)), 410);
    expectError(await call(new Session(), "POST", "/api/auth/setup", body("x".repeat(43))), 410);
    expectError(await call(new Session(), "POST", "/api/auth/setup", body("../x")), 422, "token");
  });

  it("answers 409 when the e-mail exists, whatever its case", async () => {
    const existing = await buildUser();
    const answer = await call(admin, "POST", "/api/admin/users", {
      email: existing.email.toUpperCase(),
      name: "Twin",
      role: "STUDENT",
    });
    expectError(answer, 409, "email");
  });

  it.each([
    [{ email: "nope", name: "A", role: "STUDENT" }, "email"],
    [{ email: "a@b.test", name: "", role: "STUDENT" }, "name"],
    [{ email: "a@b.test", name: "A", role: "JANITOR" }, "role"],
    [{ email: "a@b.test", name: "A", role: "STUDENT", password: "short" }, "password"],
    [{ email: "a@b.test", name: "A", role: "STUDENT", password: "qwerty123456" }, "common"],
    [{ email: "a@b.test", name: "A", role: "STUDENT", extra: 1 }, "extra"],
  ])("refuses %j with 422 naming the field", async (body, field) => {
    expectError(await call(admin, "POST", "/api/admin/users", body), 422, field);
  });

  it("publishes user-update to the admin dashboard", async () => {
    const client = await connectAs(admin);
    try {
      await client.subscribe(channels.adminDashboard());
      const answer = await call<Created>(admin, "POST", "/api/admin/users", {
        email: email(tag()),
        name: "Live",
        role: "STUDENT",
      });
      const event = await client.waitFor(
        channels.adminDashboard(),
        "user-update",
        (data) => (data.userIds as string[]).includes(answer.body.id),
        5000,
      );
      expect(event.data).toMatchObject({ userIds: [answer.body.id], change: "created" });
    } finally {
      client.disconnect();
    }
  });
});

describe("PATCH /api/admin/users/{id}", () => {
  it("renames, changes the role, deactivates and reactivates", async () => {
    const user = await buildUser({ role: "STUDENT" });
    const path = `/api/admin/users/${user.id}`;
    const renamed = await call(admin, "PATCH", path, { name: "Renamed Person" });
    expect(renamed.status).toBe(200);
    expect(adminUserResponse.safeParse(renamed.body).error).toBeUndefined();
    expect(renamed.body).toMatchObject({ name: "Renamed Person", role: "STUDENT", active: true });
    expect((await call(admin, "PATCH", path, { role: "TEACHER" })).body).toMatchObject({
      role: "TEACHER",
    });
    expect((await call(admin, "PATCH", path, { active: false })).body).toMatchObject({
      active: false,
    });
    expect(await canSignIn(user.email, "correct horse battery staple")).toBe(false);
    await call(admin, "PATCH", path, { active: true });
    expect(await canSignIn(user.email, "correct horse battery staple")).toBe(true);
  });

  it("answers 404 for unknown or malformed ids and 422 for a bad body", async () => {
    expectError(await call(admin, "PATCH", `/api/admin/users/${UNKNOWN_ID}`, { name: "X" }), 404);
    for (const id of MALFORMED_IDS)
      expectError(await call(admin, "PATCH", `/api/admin/users/${id}`, { name: "X" }), 404);
    const user = await buildUser();
    const path = `/api/admin/users/${user.id}`;
    expectError(await call(admin, "PATCH", path, {}), 422, "name");
    expectError(await call(admin, "PATCH", path, { role: "OWNER" }), 422, "role");
    expectError(await call(admin, "PATCH", path, { active: "no" }), 422, "active");
    expectError(await call(admin, "PATCH", path, { email: "x@y.test" }), 422, "email");
  });
});

describe("who may call the administration routes", () => {
  it("answers 403 to students and teachers and 401 without a session", async () => {
    const course = await buildCourse();
    const user = await buildUser();
    const routes: [string, string, unknown][] = [
      ["GET", "/api/admin/users", undefined],
      ["POST", "/api/admin/users", { email: email(tag()), name: "X", role: "STUDENT" }],
      ["PATCH", `/api/admin/users/${user.id}`, { name: "X" }],
      ["POST", "/api/courses", { title: "X", teacherId: course.teacherId }],
      ["PATCH", `/api/courses/${course.id}`, { archived: true }],
    ];
    for (const [method, path, body] of routes) {
      expectError(await call(student, method, path, body), 403);
      expectError(await call(teacher, method, path, body), 403);
      expectError(await call(new Session(), method, path, body), 401);
    }
    for (const session of [student, teacher])
      expectError(
        await call(session, "POST", "/api/admin/users/import", "email,name,role\n", {
          "content-type": "text/csv",
        }),
        403,
      );
    expectError(await call(new Session(), "POST", "/api/me/password", {}), 401);
    expectError(await call(new Session(), "DELETE", `/api/enrollments/${UNKNOWN_ID}`), 401);
    const fresh = await testDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(fresh.name).toBe(user.name);
  });

  it("refuses a body over 64 KB with 413", async () => {
    const answer = await call(admin, "POST", "/api/admin/users", {
      email: email(tag()),
      name: "x".repeat(70 * 1024),
      role: "STUDENT",
    });
    expectError(answer, 413);
  });
});
