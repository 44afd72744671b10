// presence-course-{id} and pusher:signin with real sessions, the app's real auth routes, real
// pusher-js and the shared real Soketi: members see each other with user_info from the session,
// a client cannot choose its own channel_data, and user-auth signs only for a session.
import { createHmac } from "node:crypto";
import Pusher, { type PresenceChannel } from "pusher-js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCourseWorld, TEST_PASSWORD, type CourseWorld } from "../helpers/factories";
import { type Session, signedIn } from "../helpers/http";
import { connectAs, postForm, type RealtimeClient } from "../helpers/realtime";
import { getStack } from "../helpers/stack";
import { waitUntil } from "../helpers/wait";

type Member = { id: string; info: { name: string; role: string } };

let world: CourseWorld;
let teacher: Session;
let student: Session;
const open: Array<{ disconnect(): void }> = [];

const hmac = (data: string) =>
  createHmac("sha256", getStack().soketi.secret).update(data).digest("hex");
const presence = () => `presence-course-${world.course.id}`;

async function connect(session: Session | null, options?: { signin?: boolean }) {
  const client = await connectAs(session, options);
  open.push(client);
  return client;
}

const until = (check: () => boolean, what: string) => waitUntil(check, what, { timeout: 20_000 });

function membersOf(channel: PresenceChannel): Member[] {
  const list: Member[] = [];
  channel.members.each((m: Member) => list.push({ id: m.id, info: m.info }));
  return list.sort((a, b) => a.id.localeCompare(b.id));
}

beforeAll(async () => {
  world = await buildCourseWorld();
  [teacher, student] = await Promise.all([
    signedIn(world.teacher.email, TEST_PASSWORD),
    signedIn(world.enrolled.email, TEST_PASSWORD),
  ]);
});

afterEach(() => {
  for (const client of open.splice(0)) client.disconnect();
});

describe("presence-course-{id}", () => {
  it("two members see each other with name and role from the session; member_removed on leave", async () => {
    const t = await connect(teacher);
    const s = await connect(student);
    const teacherChannel = (await t.subscribe(presence())) as PresenceChannel;
    const added: Member[] = [];
    const removed: Member[] = [];
    teacherChannel.bind("pusher:member_added", (m: Member) => added.push(m));
    teacherChannel.bind("pusher:member_removed", (m: Member) => removed.push(m));

    const studentChannel = (await s.subscribe(presence())) as PresenceChannel;
    const expected = [
      { id: world.teacher.id, info: { name: world.teacher.name, role: "TEACHER" } },
      { id: world.enrolled.id, info: { name: world.enrolled.name, role: "STUDENT" } },
    ].sort((a, b) => a.id.localeCompare(b.id));

    // The joiner gets the full list with subscription_succeeded; the other side a member_added.
    expect(studentChannel.members.count).toBe(2);
    expect(membersOf(studentChannel)).toEqual(expected);
    expect(studentChannel.members.me).toMatchObject({
      id: world.enrolled.id,
      info: { name: world.enrolled.name, role: "STUDENT" },
    });
    await until(() => added.length === 1, "member_added on the teacher's side");
    expect(added[0]).toEqual({
      id: world.enrolled.id,
      info: { name: world.enrolled.name, role: "STUDENT" },
    });
    expect(teacherChannel.members.count).toBe(2);
    expect(membersOf(teacherChannel)).toEqual(expected);

    s.pusher.unsubscribe(presence());
    await until(() => removed.length === 1, "member_removed on the teacher's side");
    expect(removed[0]).toMatchObject({ id: world.enrolled.id });
    expect(teacherChannel.members.count).toBe(1);
    expect(membersOf(teacherChannel).map((m) => m.id)).toEqual([world.teacher.id]);
  });

  it("a member that disconnects is removed for the others", async () => {
    const t = await connect(teacher);
    const s = await connect(student);
    const teacherChannel = (await t.subscribe(presence())) as PresenceChannel;
    await s.subscribe(presence());
    await until(() => teacherChannel.members.count === 2, "two members");
    const removed: Member[] = [];
    teacherChannel.bind("pusher:member_removed", (m: Member) => removed.push(m));
    s.disconnect();
    await until(
      () => removed.some((m) => m.id === world.enrolled.id),
      "member_removed after disconnect",
    );
    expect(teacherChannel.members.count).toBe(1);
  });

  it("ignores channel_data sent by the client: a raw auth request gets the session's", async () => {
    const evil = JSON.stringify({ user_id: "evil", user_info: { name: "Mallory", role: "ADMIN" } });
    const socketId = "4242.31337";
    const answer = await postForm(student, "/api/pusher/auth", {
      socket_id: socketId,
      channel_name: presence(),
      channel_data: evil,
    });
    expect(answer.status).toBe(200);
    const data = JSON.parse(answer.body.channel_data!) as unknown;
    expect(data).toEqual({
      user_id: world.enrolled.id,
      user_info: { name: world.enrolled.name, role: "STUDENT" },
    });
    expect(answer.body.channel_data).not.toContain("evil");
    const { key } = getStack().soketi;
    expect(answer.body.auth).toBe(
      `${key}:${hmac(`${socketId}:${presence()}:${answer.body.channel_data}`)}`,
    );

    // Same as JSON: still the session's identity.
    const json = await student.fetch("/api/pusher/auth", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ socket_id: socketId, channel_name: presence(), channel_data: evil }),
    });
    expect(json.status).toBe(200);
    const jsonBody = (await json.json()) as { channel_data: string };
    expect(JSON.parse(jsonBody.channel_data)).toEqual(data);
  });

  it("a pusher-js client that sends forged channel_data joins as its session user", async () => {
    const { soketi } = getStack();
    // A hand-modified pusher-js client: its auth request carries channel_data claiming "evil".
    const forger = new Pusher(soketi.key, {
      cluster: "mt1",
      wsHost: soketi.host,
      wsPort: soketi.port,
      forceTLS: false,
      enabledTransports: ["ws"],
      channelAuthorization: {
        endpoint: "/api/pusher/auth",
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          postForm(student, "/api/pusher/auth", {
            socket_id: socketId,
            channel_name: channelName,
            channel_data: JSON.stringify({
              user_id: "evil",
              user_info: { name: "Mallory", role: "ADMIN" },
            }),
          })
            .then((a) =>
              a.status === 200
                ? callback(null, a.body as { auth: string; channel_data: string })
                : callback(new Error(`HTTP ${a.status}`), null),
            )
            .catch((error: Error) => callback(error, null));
        },
      },
    });
    open.push(forger);
    const t = await connect(teacher);
    const teacherChannel = (await t.subscribe(presence())) as PresenceChannel;
    forger.subscribe(presence());
    await until(() => teacherChannel.members.count === 2, "the forger's member_added");
    expect(
      membersOf(teacherChannel)
        .map((m) => m.id)
        .sort(),
    ).toEqual([world.teacher.id, world.enrolled.id].sort());
    expect(teacherChannel.members.get("evil")).toBeNull();
    expect(teacherChannel.members.get(world.enrolled.id)).toEqual({
      id: world.enrolled.id,
      info: { name: world.enrolled.name, role: "STUDENT" },
    });
  });

  it("refuses presence for a cancelled student and anonymous (403 from the auth route)", async () => {
    const cancelled = await signedIn(world.cancelled.email, TEST_PASSWORD);
    for (const session of [cancelled, null]) {
      const answer = await postForm(session, "/api/pusher/auth", {
        socket_id: "1.1",
        channel_name: presence(),
      });
      expect(answer.status).toBe(403);
    }
  });
});

describe("POST /api/pusher/user-auth (pusher:signin)", () => {
  it("returns {auth, user_data} built from the session, signed with the app secret", async () => {
    const socketId = "98765.4321";
    const answer = await postForm(student, "/api/pusher/user-auth", {
      socket_id: socketId,
      user_data: '{"id":"evil"}',
    });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(["auth", "user_data"]);
    expect(JSON.parse(answer.body.user_data!)).toEqual({
      id: world.enrolled.id,
      user_info: { name: world.enrolled.name, role: "STUDENT" },
    });
    const { key } = getStack().soketi;
    expect(answer.body.auth).toBe(`${key}:${hmac(`${socketId}::user::${answer.body.user_data}`)}`);
  });

  it("403 without a session, 400 for a malformed socket_id", async () => {
    expect((await postForm(null, "/api/pusher/user-auth", { socket_id: "1.2" })).status).toBe(403);
    expect((await postForm(student, "/api/pusher/user-auth", { socket_id: "abc" })).status).toBe(
      400,
    );
    expect((await postForm(student, "/api/pusher/user-auth", {})).status).toBe(400);
    expect((await postForm(null, "/api/pusher/user-auth", {})).status).toBe(400);
  });

  it("Soketi accepts the signin of a session (pusher:signin_success), not of an anonymous client", async () => {
    const s = await connect(student, { signin: true });
    await until(() => s.pusher.user.user_data !== null, "pusher:signin_success");
    expect(s.pusher.user.user_data).toEqual({
      id: world.enrolled.id,
      user_info: { name: world.enrolled.name, role: "STUDENT" },
    });

    const anonymous: RealtimeClient = await connect(null, { signin: true });
    // Resolved when the signin attempt is over, failed or not (pusher-js never rejects it).
    await anonymous.pusher.user.signinDonePromise;
    expect(anonymous.pusher.user.user_data).toBeNull();
    // Still connected and usable for public channels after the refused signin.
    await anonymous.subscribe("public-announcements");
    expect(anonymous.pusher.connection.state).toBe("connected");
  });
});
