// Soketi's webhooks into POST /api/pusher/webhooks (signature checked: 401 otherwise) and the
// admin's "online now" (GET /api/admin/online) that they keep live. Real Soketi, real pusher-js.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCourseWorld, type CourseWorld } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";
import { TEST_PASSWORD } from "../helpers/factories";
import { connectAs, type RealtimeClient } from "../helpers/realtime";
import { getStack } from "../helpers/stack";
import { waitUntil } from "../helpers/wait";

type OnlineUser = {
  id: string;
  name: string;
  role: string;
  courses: { id: string; title: string }[];
};

function postWebhook(body: string, headers: Record<string, string>) {
  return fetch(new URL("/api/pusher/webhooks", getStack().webUrl), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

const sign = (body: string, secret: string) =>
  createHmac("sha256", secret).update(body).digest("hex");

describe("POST /api/pusher/webhooks", () => {
  const body = JSON.stringify({
    time_ms: Date.now(),
    events: [{ name: "channel_occupied", channel: "public-announcements" }],
  });

  it("accepts a webhook signed with the app secret", async () => {
    const { key, secret } = getStack().soketi;
    const response = await postWebhook(body, {
      "x-pusher-key": key,
      "x-pusher-signature": sign(body, secret),
    });
    expect(response.status).toBe(200);
  });

  it("answers 401 for a bad, a missing or a wrongly keyed signature", async () => {
    const { key, secret } = getStack().soketi;
    const cases: Record<string, string>[] = [
      { "x-pusher-key": key, "x-pusher-signature": sign(body, "not-the-secret") },
      { "x-pusher-key": key },
      { "x-pusher-key": "another-key", "x-pusher-signature": sign(body, secret) },
      { "x-pusher-key": key, "x-pusher-signature": sign(`${body} `, secret) },
    ];
    for (const headers of cases) {
      const response = await postWebhook(body, headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_signature" } });
    }
  });

  it("refuses a correctly signed body that is not JSON (401, never a 5xx)", async () => {
    const { key, secret } = getStack().soketi;
    const garbage = "not json";
    const response = await postWebhook(garbage, {
      "x-pusher-key": key,
      "x-pusher-signature": sign(garbage, secret),
    });
    // The SDK's validity check covers the body too: not a webhook, not valid.
    expect(response.status).toBe(401);
  });
});

describe("who is online now", () => {
  let world: CourseWorld;
  let admin: Session;
  let adminRealtime: RealtimeClient;
  let studentRealtime: RealtimeClient | undefined;

  beforeAll(async () => {
    world = await buildCourseWorld();
    admin = await signedIn(world.admin.email, TEST_PASSWORD);
    adminRealtime = await connectAs(admin);
    await adminRealtime.subscribe("private-admin-dashboard");
  });
  afterAll(() => {
    adminRealtime?.disconnect();
    studentRealtime?.disconnect();
  });

  async function online(): Promise<OnlineUser[]> {
    const answer = await admin.json<OnlineUser[]>("/api/admin/online");
    expect(answer.status).toBe(200);
    return answer.body;
  }

  const until = <T>(check: () => Promise<T | undefined>, what: string) =>
    waitUntil(check, what, { timeout: 15_000, interval: 200 });

  it("lists a student with a page open, with the course page they are on, and drops them when they leave", async () => {
    const student = await signedIn(world.enrolled.email, TEST_PASSWORD);
    studentRealtime = await connectAs(student);
    await studentRealtime.subscribe(`private-user-${world.enrolled.id}`);
    await studentRealtime.subscribe(`presence-course-${world.course.id}`);

    const listed = await until(async () => {
      const me = (await online()).find((u) => u.id === world.enrolled.id);
      return me?.courses.some((c) => c.id === world.course.id) ? me : undefined;
    }, "the student in the online list");
    expect(listed).toMatchObject({
      name: world.enrolled.name,
      role: "STUDENT",
      courses: [{ id: world.course.id, title: world.course.title }],
    });

    // Soketi's member_added / channel_occupied webhooks made the app tell the admin dashboard.
    const update = await adminRealtime.waitFor(
      "private-admin-dashboard",
      "stats-update",
      (data) =>
        typeof (data.stats as Record<string, unknown> | undefined)?.onlineUsers === "number",
      15_000,
    );
    expect(update.data).toMatchObject({
      eventId: expect.any(String),
      occurredAt: expect.any(String),
    });

    studentRealtime.disconnect();
    await until(
      async () => ((await online()).some((u) => u.id === world.enrolled.id) ? undefined : true),
      "the student to leave the online list",
    );
  });

  it("is for admins only", async () => {
    const teacher = await signedIn(world.teacher.email, TEST_PASSWORD);
    expect((await teacher.json("/api/admin/online")).status).toBe(403);
    expect((await new Session().json("/api/admin/online")).status).toBe(401);
  });
});
