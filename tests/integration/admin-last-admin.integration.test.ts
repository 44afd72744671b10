// The last active admin cannot lock the school out (contract §8: 409), tested on a database and
// web server of this file's own, where "only one admin" can be true.
import { PrismaPg } from "@prisma/adapter-pg";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../web/server/generated/prisma/client";
import type { WebServer } from "../../scripts/lib/web";
import { startOtherWebServer } from "../helpers/admin";
import { createOwnDatabase } from "../helpers/own-database";
import { call, expectError } from "../helpers/api";
import { TEST_PASSWORD } from "../helpers/factories";
import { Session } from "../helpers/http";

let database: Awaited<ReturnType<typeof createOwnDatabase>>;
let db: PrismaClient;
let web: WebServer;

beforeAll(async () => {
  database = await createOwnDatabase("lastadmin");
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  web = await startOtherWebServer({ databaseUrl: database.url });
});

afterAll(async () => {
  await web?.stop();
  await db?.$disconnect();
  await database?.drop();
});

const hash = bcrypt.hashSync(TEST_PASSWORD, 4);
const makeUser = (email: string, role: "ADMIN" | "TEACHER") =>
  db.user.create({ data: { email, name: email.split("@")[0]!, role, passwordHash: hash } });

async function signIn(email: string) {
  const session = new Session(web.url);
  if (!(await session.signIn(email, TEST_PASSWORD))) throw new Error(`sign-in failed: ${email}`);
  return session;
}

describe("the last active admin", () => {
  it("cannot be deactivated or demoted, until another admin exists", async () => {
    const only = await makeUser("only@school.test", "ADMIN");
    const teacher = await makeUser("teacher@school.test", "TEACHER");
    const session = await signIn(only.email);
    const self = `/api/admin/users/${only.id}`;
    expectError(await call(session, "PATCH", self, { active: false }), 409, /last active admin/);
    expectError(await call(session, "PATCH", self, { role: "TEACHER" }), 409);
    // A rename is fine.
    expect((await call(session, "PATCH", self, { name: "Head" })).status).toBe(200);
    // An inactive admin does not count.
    const dormant = await db.user.create({
      data: { email: "dormant@school.test", name: "D", role: "ADMIN", active: false },
    });
    expectError(await call(session, "PATCH", self, { active: false }), 409);
    expect(
      (await call(session, "PATCH", `/api/admin/users/${dormant.id}`, { role: "STUDENT" })).status,
    ).toBe(200);

    expect(
      (await call(session, "PATCH", `/api/admin/users/${teacher.id}`, { role: "ADMIN" })).status,
    ).toBe(200);
    expect((await call(session, "PATCH", self, { role: "TEACHER" })).status).toBe(200);
    // Demoted: this session is no longer an admin's.
    expectError(await call(session, "GET", "/api/admin/users"), 403);
    const next = await signIn(teacher.email);
    expectError(
      await call(next, "PATCH", `/api/admin/users/${teacher.id}`, { active: false }),
      409,
    );
  });

  it("two admins demoting each other at once: exactly one succeeds", async () => {
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "TEACHER" } });
    const a = await makeUser("a@school.test", "ADMIN");
    const b = await makeUser("b@school.test", "ADMIN");
    const [sa, sb] = await Promise.all([signIn(a.email), signIn(b.email)]);
    const answers = await Promise.all([
      call(sa, "PATCH", `/api/admin/users/${b.id}`, { role: "STUDENT" }),
      call(sb, "PATCH", `/api/admin/users/${a.id}`, { role: "STUDENT" }),
    ]);
    const statuses = answers.map((x) => x.status).sort();
    // The loser either hit the last-admin rule (409) or had lost its own rights first (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
  });
});
