// POST /api/pusher/auth/batch (docs/realtime.md, "Batched authorization"): each channel of one
// request answered exactly as POST /api/pusher/auth answers it alone (status, signature,
// presence channel_data from the session), 401 for the whole request without a session, 400
// for malformed bodies; a real pusher-js client whose customHandler batches one tick's
// subscriptions into one request subscribes through the real Soketi. Prints authorizations per
// second through the batch and through the single endpoint.
import { createHmac } from "node:crypto";
import type { ChannelAuthorizationCallback } from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, expectError, signInAll, UNKNOWN_ID } from "../helpers/api";
import {
  buildCourse,
  buildCourseWorld,
  buildEnrollment,
  type CourseWorld,
} from "../helpers/factories";
import { Session } from "../helpers/http";
import { postForm, RealtimeClient, SubscriptionError } from "../helpers/realtime";
import { getStack } from "../helpers/stack";

type Entry =
  | { status: 200; auth: string; channel_data?: string }
  | { status: 400 | 403; error: { code: string; message: string } };
type BatchAnswer = { channels: Record<string, Entry> };

const SOCKET = "123456.7890123";
const BATCH = "/api/pusher/auth/batch";

let world: CourseWorld;
let student: Session;
let admin: Session;
let extraCourses: string[];
const clients: RealtimeClient[] = [];

const hmac = (data: string) =>
  createHmac("sha256", getStack().soketi.secret).update(data).digest("hex");

function batch(session: Session, body: unknown) {
  return call<BatchAnswer>(session, "POST", BATCH, body);
}

/** The single endpoint's answer for one channel, as the batch should report it. */
async function single(session: Session | null, channel: string): Promise<Entry> {
  const answer = await postForm(session, "/api/pusher/auth", {
    socket_id: SOCKET,
    channel_name: channel,
  });
  expect(answer.status, `${channel}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  if (answer.status === 200) return { status: 200, ...answer.body } as Entry;
  return { status: answer.status, error: answer.body.error } as unknown as Entry;
}

beforeAll(async () => {
  world = await buildCourseWorld();
  [student, admin] = await signInAll([world.enrolled, world.admin] as const);
  extraCourses = [];
  for (let i = 0; i < 3; i++) {
    const course = await buildCourse({ teacherId: world.teacher.id });
    await buildEnrollment(world.enrolled.id, course.id);
    extraCourses.push(course.id);
  }
});

afterAll(() => {
  for (const client of clients) client.disconnect();
});

describe("POST /api/pusher/auth/batch: each channel as the single endpoint answers it", () => {
  it("answers allowed and forbidden channels of one request like POST /api/pusher/auth", async () => {
    const me = world.enrolled.id;
    const course = world.course.id;
    const channels = [
      `private-user-${me}`,
      `private-student-dashboard-${me}`,
      `private-course-${course}`,
      `presence-course-${course}`,
      `private-user-${world.outsider.id}`,
      `private-course-enrollments-${course}`,
      "private-admin-dashboard",
      `private-teacher-dashboard-${world.teacher.id}`,
      `private-course-${UNKNOWN_ID}`,
      "public-announcements",
      "",
      "not-a-channel",
      `private-user-${me} `,
      "__proto__",
    ];
    const answer = await batch(student, { socket_id: SOCKET, channels });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.channels).sort()).toEqual([...channels].sort());
    for (const channel of channels) {
      expect(answer.body.channels[channel], channel).toEqual(await single(student, channel));
    }
    const statuses = channels.map((c) => answer.body.channels[c]!.status);
    expect(statuses).toEqual([
      200, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403,
    ]);
    const own = answer.body.channels[`private-user-${me}`] as { auth: string };
    expect(own.auth).toBe(`${getStack().soketi.key}:${hmac(`${SOCKET}:private-user-${me}`)}`);
    expect(own).not.toHaveProperty("channel_data");
  });

  it("gives presence channel_data from the session, never from the request", async () => {
    const channel = `presence-course-${world.course.id}`;
    const answer = await batch(student, {
      socket_id: SOCKET,
      channels: [channel],
      channel_data: JSON.stringify({ user_id: "someone-else", user_info: { name: "x" } }),
    });
    const entry = answer.body.channels[channel] as { auth: string; channel_data: string };
    expect(JSON.parse(entry.channel_data)).toEqual({
      user_id: world.enrolled.id,
      user_info: { name: world.enrolled.name, role: "STUDENT" },
    });
    expect(entry.auth).toBe(
      `${getStack().soketi.key}:${hmac(`${SOCKET}:${channel}:${entry.channel_data}`)}`,
    );
  });

  it("judges the admin by the same rules", async () => {
    const channels = ["private-admin-dashboard", `private-course-enrollments-${world.course.id}`];
    const answer = await batch(admin, { socket_id: SOCKET, channels });
    for (const channel of channels) {
      expect(answer.body.channels[channel]).toEqual(await single(admin, channel));
      expect(answer.body.channels[channel]!.status).toBe(200);
    }
  });
});

describe("whole-request answers", () => {
  it("answers 401 unauthenticated without a session", async () => {
    const answer = await batch(new Session(), {
      socket_id: SOCKET,
      channels: [`private-user-${world.enrolled.id}`],
    });
    expectError(answer, 401);
    expect(answer.body).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("answers 400 naming the field for malformed bodies, signed in or not", async () => {
    const own = `private-user-${world.enrolled.id}`;
    const cases: [unknown, RegExp][] = [
      ["not json", /body/],
      ["null", /body/],
      [[], /body/],
      [{}, /socket_id/],
      [{ socket_id: SOCKET }, /channels/],
      [{ socket_id: "abc", channels: [own] }, /socket_id/],
      [{ socket_id: SOCKET, channels: own }, /channels/],
      [{ socket_id: SOCKET, channels: [] }, /channels/],
      [{ socket_id: SOCKET, channels: [own, own] }, /channels/],
      [{ socket_id: SOCKET, channels: [own, 42] }, /channels\.1/],
      [{ socket_id: SOCKET, channels: Array.from({ length: 101 }, (_, i) => `c${i}`) }, /channels/],
    ];
    for (const session of [student, new Session()]) {
      for (const [body, field] of cases) {
        const answer = await batch(session, typeof body === "string" ? body : body);
        expectError(answer, 400, field);
      }
    }
    // 100 distinct names is the limit, not over it.
    const hundred = Array.from({ length: 100 }, (_, i) => `private-user-x${i}`);
    const ok = await batch(student, { socket_id: SOCKET, channels: hundred });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.channels)).toHaveLength(100);
  });
});

/** A pusher-js customHandler that sends the channels asked for in one tick as one batch. */
function batchingHandler(session: Session, requests: string[][]) {
  let pending: { channel: string; socketId: string; callback: ChannelAuthorizationCallback }[] = [];
  return (
    { socketId, channelName }: { socketId: string; channelName: string },
    callback: ChannelAuthorizationCallback,
  ) => {
    pending.push({ channel: channelName, socketId, callback });
    if (pending.length > 1) return;
    setTimeout(() => {
      const group = pending;
      pending = [];
      requests.push(group.map((p) => p.channel));
      void batch(session, { socket_id: group[0]!.socketId, channels: group.map((p) => p.channel) })
        .then((answer) => {
          for (const { channel, callback } of group) {
            const entry = answer.body.channels[channel];
            if (entry?.status === 200) {
              const { status: _status, ...auth } = entry;
              callback(null, auth);
            } else callback(new Error(`${entry?.status ?? answer.status}`), null);
          }
        })
        .catch((error: Error) => group.forEach((p) => p.callback(error, null)));
    }, 0);
  };
}

describe("through pusher-js and Soketi", () => {
  it("subscribes one tick's channels with one request; the forbidden one fails alone", async () => {
    const requests: string[][] = [];
    const handler = batchingHandler(student, requests);
    const client = new RealtimeClient({
      channelAuthorizationHandler: handler,
      userAuthenticationHandler: (_params, callback) => callback(new Error("unused"), null),
    });
    clients.push(client);
    await client.connected();
    const me = world.enrolled.id;
    const allowed = [
      `private-user-${me}`,
      `private-course-${world.course.id}`,
      `presence-course-${world.course.id}`,
    ];
    const forbidden = `private-user-${world.outsider.id}`;
    const results = await Promise.allSettled([
      ...allowed.map((c) => client.subscribe(c, 10_000)),
      client.subscribe(forbidden, 10_000),
    ]);
    expect(results.slice(0, 3).map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(results[3]!.status).toBe("rejected");
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(SubscriptionError);
    expect(requests).toEqual([[...allowed, forbidden]]);
  });
});

describe("throughput (printed, not asserted)", () => {
  it("measures authorizations per second: batches of 10 vs one channel per request", async () => {
    const me = world.enrolled.id;
    const courses = [world.course.id, ...extraCourses];
    const channels = [
      `private-user-${me}`,
      `private-student-dashboard-${me}`,
      ...courses.flatMap((id) => [`private-course-${id}`, `presence-course-${id}`]),
    ];
    expect(channels).toHaveLength(10);
    const concurrency = 8;
    const run = async (requests: number, one: (i: number) => Promise<number>) => {
      let next = 0;
      let authorized = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < requests) {
            const count = await one(next++);
            authorized += count;
          }
        }),
      );
      return { authorized, seconds: (performance.now() - started) / 1000 };
    };
    // Warm both routes up first (compilation caches, connection pools).
    await run(20, async (i) => ((await single(student, channels[i % 10]!)).status === 200 ? 1 : 0));
    await run(
      5,
      async () =>
        Object.keys((await batch(student, { socket_id: SOCKET, channels })).body.channels).length,
    );

    // Alternating rounds, so a busy moment on the shared machine does not favour either side.
    const rate = (r: { authorized: number; seconds: number }) => r.authorized / r.seconds;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    const singleRates: number[] = [];
    const batchRates: number[] = [];
    for (let round = 0; round < 3; round++) {
      const singles = await run(200, async (i) =>
        (await single(student, channels[i % 10]!)).status === 200 ? 1 : 0,
      );
      const batches = await run(20, async () => {
        const answer = await batch(student, { socket_id: SOCKET, channels });
        return Object.values(answer.body.channels).filter((e) => e.status === 200).length;
      });
      expect(singles.authorized).toBe(200);
      expect(batches.authorized).toBe(200);
      singleRates.push(rate(singles));
      batchRates.push(rate(batches));
    }
    const [one, ten] = [median(singleRates), median(batchRates)];
    const list = (rates: number[]) => rates.map((r) => Math.round(r)).join(", ");
    console.log(
      `[realtime-auth-batch] ${concurrency} concurrent clients, 3 rounds of 200 authorizations each way: ` +
        `single endpoint ${Math.round(one)}/s (rounds ${list(singleRates)}; 1 channel per request), ` +
        `batch ${Math.round(ten)}/s (rounds ${list(batchRates)}; 10 channels per request): ×${(ten / one).toFixed(1)}`,
    );
  });
});
