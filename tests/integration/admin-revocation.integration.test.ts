// Contract §8's rule: a revoked right takes effect at once. After deactivation, a role change, a
// password change (other sessions) or an enrollment's cancellation, the next request is judged by
// the new state and the user's realtime connections are closed. Also across app instances (a
// second web server on the same database), and what the per-request check costs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "../../web/lib/realtime/channels";
import { getFreePort } from "../../scripts/lib/ports";
import { startOtherWebServer } from "../helpers/admin";
import { call, expectError, signInAll } from "../helpers/api";
import { buildCourseWorld, buildUser, testDb, TEST_PASSWORD } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";
import { connectAs, postForm, type RealtimeClient } from "../helpers/realtime";
import { waitUntil } from "../helpers/wait";
import type { WebServer } from "../../scripts/lib/web";

let admin: Session;
const clients: RealtimeClient[] = [];

beforeAll(async () => {
  [admin] = await signInAll([await buildUser({ role: "ADMIN" })] as const);
});

afterAll(() => {
  for (const client of clients) client.disconnect();
});

/** A signed-in realtime connection (pusher:signin done), subscribed to `names`. */
async function realtimeAs(session: Session, ...names: string[]) {
  const client = await connectAs(session, { signin: true });
  clients.push(client);
  await waitUntil(() => client.pusher.user.user_data !== null, "pusher:signin_success");
  for (const name of names) await client.subscribe(name);
  return client;
}

/** Resolves with the time the connection stopped being "connected". */
function closedAt(client: RealtimeClient): Promise<number> {
  return new Promise((resolve) => {
    client.pusher.connection.bind("state_change", ({ current }: { current: string }) => {
      if (current !== "connected") resolve(Date.now());
    });
  });
}

/** The auth route's answer to `session` subscribing to `name` (what pusher-js would get). */
async function subscribeStatus(session: Session, name: string): Promise<number> {
  const form = { socket_id: "1234.5678", channel_name: name };
  return (await postForm(session, "/api/pusher/auth", form)).status;
}

describe("revocation", () => {
  it("a deactivated user's next request is 401 and their socket closes", async () => {
    const user = await buildUser({ role: "STUDENT" });
    const [session] = await signInAll([user] as const);
    const client = await realtimeAs(session, channels.user(user.id));
    const closed = closedAt(client);
    const started = Date.now();
    const answer = await call(admin, "PATCH", `/api/admin/users/${user.id}`, { active: false });
    expect(answer.status).toBe(200);
    expectError(await call(session, "GET", "/api/me"), 401);
    expectError(await call(session, "GET", "/api/dashboard"), 401);
    const at = await Promise.race([
      closed,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("socket still open after 10 s")), 10_000),
      ),
    ]);
    console.log(`[measure] deactivation PATCH → pusher-js socket closed: ${at - started} ms`);
    expect(await subscribeStatus(session, channels.user(user.id))).toBe(403);
    expect(await new Session().signIn(user.email, TEST_PASSWORD)).toBe(false);
  });

  it("a demoted teacher loses the teacher channels at once", async () => {
    const w = await buildCourseWorld();
    const [teacher] = await signInAll([w.teacher] as const);
    const client = await realtimeAs(teacher, channels.teacherDashboard(w.teacher.id));
    const closed = closedAt(client);
    await call(admin, "PATCH", `/api/admin/users/${w.teacher.id}`, { role: "STUDENT" });
    await closed;
    expect(await subscribeStatus(teacher, channels.teacherDashboard(w.teacher.id))).toBe(403);
    expect(await subscribeStatus(teacher, channels.courseEnrollments(w.course.id))).toBe(403);
    expect(await subscribeStatus(teacher, channels.studentDashboard(w.teacher.id))).toBe(200);
    expect((await call<{ role: string }>(teacher, "GET", "/api/me")).body.role).toBe("STUDENT");
    expectError(await call(teacher, "POST", "/api/scores", {}), 403);
  });

  it("a password change ends the other sessions and keeps the current one", async () => {
    const user = await buildUser({ role: "STUDENT" });
    const [current, other] = await Promise.all([
      signedIn(user.email, TEST_PASSWORD),
      signedIn(user.email, TEST_PASSWORD),
    ]);
    const otherClient = await realtimeAs(other, channels.user(user.id));
    const closed = closedAt(otherClient);
    const wrong = await call(current, "POST", "/api/me/password", {
      currentPassword: "not the password",
      newPassword: "fresh-orchard-lantern-9",
    });
    expectError(wrong, 403, "currentPassword");
    const weak = await call(current, "POST", "/api/me/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "password1234",
    });
    expectError(weak, 422, "newPassword");
    const changed = await call(current, "POST", "/api/me/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "fresh-orchard-lantern-9",
    });
    expect(changed.status).toBe(200);
    expect((await call(current, "GET", "/api/me")).status).toBe(200);
    expectError(await call(other, "GET", "/api/me"), 401);
    await closed;

    // The old session cannot revive itself through Auth.js's session update.
    const csrf = await other.json<{ csrfToken: string }>("/api/auth/csrf");
    await other.fetch("/api/auth/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        csrfToken: csrf.body.csrfToken,
        data: { sessionGrant: { version: 1, signature: "0".repeat(64) } },
      }),
    });
    expectError(await call(other, "GET", "/api/me"), 401);

    expect(await new Session().signIn(user.email, TEST_PASSWORD)).toBe(false);
    expect(await new Session().signIn(user.email, "fresh-orchard-lantern-9")).toBe(true);
  });

  it("a cancelled enrollment closes the student's socket and refuses the course channels", async () => {
    const w = await buildCourseWorld();
    const [student, teacher] = await signInAll([w.enrolled, w.teacher] as const);
    const client = await realtimeAs(student, channels.course(w.course.id));
    const closed = closedAt(client);
    const enrollment = await testDb().enrollment.findFirstOrThrow({
      where: { studentId: w.enrolled.id, courseId: w.course.id },
    });
    expect((await call(teacher, "DELETE", `/api/enrollments/${enrollment.id}`)).status).toBe(200);
    await closed;
    expect(await subscribeStatus(student, channels.course(w.course.id))).toBe(403);
    expect(await subscribeStatus(student, channels.presenceCourse(w.course.id))).toBe(403);
  });
});

describe("revocation across app instances", () => {
  let other: WebServer;

  beforeAll(async () => {
    other = await startOtherWebServer();
  });

  afterAll(async () => {
    await other?.stop();
  });

  it("a change made through one instance is judged at once by the other", async () => {
    const user = await buildUser({ role: "TEACHER" });
    const onOther = new Session(other.url);
    expect(await onOther.signIn(user.email, TEST_PASSWORD)).toBe(true);
    // Cached there now.
    expect((await call(onOther, "GET", "/api/me")).status).toBe(200);
    const started = Date.now();
    await call(admin, "PATCH", `/api/admin/users/${user.id}`, { active: false });
    await waitUntil(
      async () => (await onOther.fetch("/api/me")).status === 401,
      "the other instance to answer 401",
      { timeout: 5000, interval: 5 },
    );
    console.log(
      `[measure] deactivation seen by another app instance after ${Date.now() - started} ms`,
    );
  });
});

describe("revocation while the realtime server is down", () => {
  let cut: WebServer;

  beforeAll(async () => {
    // Nothing listens on this port: every call to the realtime server is refused.
    cut = await startOtherWebServer({ pusherPort: await getFreePort() });
  });

  afterAll(async () => {
    await cut?.stop();
  });

  it("still deactivates: the request succeeds and the user's next request is 401", async () => {
    const user = await buildUser({ role: "STUDENT" });
    const adminThere = new Session(cut.url);
    const userThere = new Session(cut.url);
    const adminRow = await buildUser({ role: "ADMIN" });
    expect(await adminThere.signIn(adminRow.email, TEST_PASSWORD)).toBe(true);
    expect(await userThere.signIn(user.email, TEST_PASSWORD)).toBe(true);
    expect((await call(userThere, "GET", "/api/me")).status).toBe(200);
    const answer = await call(adminThere, "PATCH", `/api/admin/users/${user.id}`, {
      active: false,
    });
    expect(answer.status).toBe(200);
    expectError(await call(userThere, "GET", "/api/me"), 401);
  });
});
