// GET /api/realtime/missed (docs/realtime.md, "Delivery guarantee"), checked the way an outside
// client written against its contract would: events published through the app's real routes,
// received live by real pusher-js clients from the real Soketi, then asked for over HTTP. What
// the endpoint returns after an event must be exactly what was delivered live after it, in
// order, with the same data; pages of 500; 410 for unknown or expired ids; the subscription
// rules for who may read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, expectError, signInAll, UNKNOWN_ID, type Answer } from "../helpers/api";
import {
  buildCourse,
  buildCourseWorld,
  buildUser,
  testDb,
  type CourseWorld,
} from "../helpers/factories";
import { Session } from "../helpers/http";
import { connectAs, type ReceivedEvent, type RealtimeClient } from "../helpers/realtime";
import { getStack } from "../helpers/stack";
import { waitUntil } from "../helpers/wait";

type Missed = { events: { event: string; channel: string; data: Record<string, unknown> }[] };
type MissedAnswer = Missed & { complete: boolean };

let world: CourseWorld;
let student: Session;
let outsider: Session;
let teacher: Session;
let admin: Session;
const anonymous = () => new Session();
const clients: RealtimeClient[] = [];

const userChannel = (id: string) => `private-user-${id}`;
const ANNOUNCEMENTS = "public-announcements";

function missed(session: Session, channel: string | null, after: string | null) {
  const query = new URLSearchParams();
  if (channel !== null) query.set("channel", channel);
  if (after !== null) query.set("after", after);
  return call<MissedAnswer>(session, "GET", `/api/realtime/missed?${query}`);
}

/** The events a live client received, as the endpoint reports them. */
const asMissed = (events: ReceivedEvent[]) =>
  events.map((e) => ({ event: e.event, channel: e.channel, data: e.data }));

/**
 * Waits until every outbox row on `channel` is published and `live` received each of them: the
 * complete live record to compare the endpoint's answer with.
 */
async function settled(live: RealtimeClient, channel: string): Promise<ReceivedEvent[]> {
  return waitUntil(
    async () => {
      const where = { channels: { has: channel } };
      const [rows, pending] = await Promise.all([
        testDb().outboxEvent.count({ where }),
        testDb().outboxEvent.count({ where: { ...where, seq: null } }),
      ]);
      const received = live.eventsOn(channel);
      return pending === 0 && rows > 0 && received.length === rows ? received : undefined;
    },
    `every event on ${channel} published and received live`,
    { timeout: 30_000, interval: 100 },
  );
}

beforeAll(async () => {
  world = await buildCourseWorld();
  [student, outsider, teacher, admin] = await signInAll([
    world.enrolled,
    world.outsider,
    world.teacher,
    world.admin,
  ] as const);
});

afterAll(() => {
  for (const client of clients) client.disconnect();
});

describe("GET /api/realtime/missed: exactly the events after a given one", () => {
  it("returns what a live subscriber received after an event, in order, with the same data", async () => {
    const live = await connectAs(student);
    clients.push(live);
    const channel = userChannel(world.enrolled.id);
    await live.subscribe(channel);

    const posted: string[] = [];
    for (const amountCents of [1100, 2200, 3300]) {
      const answer = await call<{ id: string }>(student, "POST", "/api/payments", {
        courseId: world.course.id,
        amountCents,
      });
      expect(answer.status).toBe(201);
      posted.push(answer.body.id);
    }
    const approved = await call(admin, "POST", `/api/payments/${posted[1]}/approve`);
    expect(approved.status).toBe(200);
    const received = await settled(live, channel);
    // 3 payment-received, then payment-approved and its new-notification (in some order).
    expect(received.map((e) => e.event).slice(0, 3)).toEqual(Array(3).fill("payment-received"));
    expect(received.map((e) => e.event)).toEqual(
      expect.arrayContaining(["payment-approved", "new-notification"]),
    );

    const first = received[0]!.data.eventId as string;
    const answer = await missed(student, channel, first);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ events: asMissed(received.slice(1)), complete: true });

    // From the last one: nothing yet.
    const last = received.at(-1)!.data.eventId as string;
    expect((await missed(student, channel, last)).body).toEqual({ events: [], complete: true });
  });

  it("accepts an event id of another channel as the point to start after", async () => {
    const watcher = await connectAs(null);
    clients.push(watcher);
    await watcher.subscribe(ANNOUNCEMENTS);
    const live = await connectAs(teacher);
    clients.push(live);
    const channel = userChannel(world.teacher.id);
    await live.subscribe(channel);

    const posted = await call<{ id: string }>(admin, "POST", "/api/announcements", {
      title: "Cursor",
      message: "A point in the log",
    });
    expect(posted.status).toBe(201);
    const marker = await watcher.waitFor(
      ANNOUNCEMENTS,
      "new-announcement",
      (d) => d.id === posted.body.id,
      20_000,
    );
    // The teacher is notified of each new enrollment (new-notification on their user channel).
    const course = await buildCourse({ teacherId: world.teacher.id });
    const [newcomer] = await signInAll([await buildUser()] as const);
    expect(
      (await call(newcomer!, "POST", "/api/enrollments", { courseId: course.id })).status,
    ).toBe(201);
    const received = await settled(live, channel);

    const answer = await missed(teacher, channel, marker.data.eventId as string);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ events: asMissed(received), complete: true });
  });

  it("serves public-announcements to anyone, without a session, in the order delivered", async () => {
    const live = await connectAs(null);
    clients.push(live);
    await live.subscribe(ANNOUNCEMENTS);
    const ids: string[] = [];
    for (const title of ["One", "Two", "Three"]) {
      const answer = await call<{ id: string }>(admin, "POST", "/api/announcements", {
        title,
        message: `Announcement ${title}`,
      });
      expect(answer.status).toBe(201);
      ids.push(answer.body.id);
    }
    await live.waitFor(ANNOUNCEMENTS, "new-announcement", (d) => d.id === ids[2], 20_000);
    const received = live.eventsOn(ANNOUNCEMENTS);
    const start = received.findIndex((e) => e.data.id === ids[0]);
    const end = received.findIndex((e) => e.data.id === ids[2]);

    const answer = await missed(
      anonymous(),
      ANNOUNCEMENTS,
      received[start]!.data.eventId as string,
    );
    expect(answer.status).toBe(200);
    // Other test files announce too: everything up to our last one must match live delivery.
    const upTo = answer.body.events.findIndex((e) => e.data.id === ids[2]);
    expect(upTo).toBeGreaterThanOrEqual(1);
    expect(answer.body.events.slice(0, upTo + 1)).toEqual(
      asMissed(received.slice(start + 1, end + 1)),
    );
  });
});

describe("paging", () => {
  it("returns 500 events with complete: false, then the rest from the last one's eventId", async () => {
    // A student of its own: nothing else publishes on this channel.
    const reader = await buildUser();
    const [session] = await signInAll([reader] as const);
    const channel = `private-student-dashboard-${reader.id}`;
    const base = Date.now() - 60_000;
    const total = 520;
    // Straight into the outbox (as a service's transaction writes it); the app's dispatcher
    // publishes them and gives them their places in the log.
    await testDb().outboxEvent.createMany({
      data: Array.from({ length: total }, (_, n) => ({
        channels: [channel],
        event: "stats-update",
        payload: { stats: { n } },
        createdAt: new Date(base + n),
      })),
    });
    const rows = await waitUntil(
      async () => {
        const found = await testDb().outboxEvent.findMany({
          where: { channels: { has: channel } },
          orderBy: { seq: "asc" },
          select: { id: true, seq: true },
        });
        return found.length === total && found.every((r) => r.seq !== null) ? found : undefined;
      },
      `${total} rows published`,
      { timeout: 60_000, interval: 250 },
    );
    const firstPage = await missed(session!, channel, rows[0]!.id);
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.complete).toBe(false);
    expect(firstPage.body.events).toHaveLength(500);
    const lastOfPage = firstPage.body.events.at(-1)!.data.eventId as string;
    const rest = await missed(session!, channel, lastOfPage);
    expect(rest.body.complete).toBe(true);
    const all = [...firstPage.body.events, ...rest.body.events];
    expect(all.map((e) => (e.data.stats as { n: number }).n)).toEqual(
      Array.from({ length: total - 1 }, (_, i) => i + 1),
    );
    expect(all.map((e) => e.data.eventId)).toEqual(rows.slice(1).map((r) => r.id));
    for (const e of all) {
      expect(e).toMatchObject({ event: "stats-update", channel });
      expect(e.data.occurredAt).toEqual(expect.any(String));
    }
  });
});

describe("gone", () => {
  it("answers 410 gone for an unknown id", async () => {
    for (const after of [UNKNOWN_ID, "not-an-event", "0"]) {
      const answer = await missed(student, userChannel(world.enrolled.id), after);
      expectError(answer, 410);
      expect(answer.body).toMatchObject({ error: { code: "gone" } });
      expectError(await missed(anonymous(), ANNOUNCEMENTS, after), 410);
    }
  });

  it("answers 410 gone for an event published longer ago than the retention", async () => {
    const channel = userChannel(world.enrolled.id);
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const row = await testDb().outboxEvent.create({
      data: {
        channels: [channel],
        event: "dashboard-update",
        payload: { scope: "all" },
        createdAt: eightDaysAgo,
        sentAt: eightDaysAgo,
        // Its place: before every live row, as an old row's is (negative: never taken by the sequence).
        seq: -BigInt(Date.now()) * 1000n - BigInt(Math.floor(Math.random() * 1000)),
      },
    });
    const answer = await missed(student, channel, row.id);
    expectError(answer, 410);
    expect(answer.body).toMatchObject({ error: { code: "gone" } });
  });
});

describe("who may read", () => {
  let cursor: string;
  beforeAll(async () => {
    const row = await testDb().outboxEvent.findFirst({
      where: { seq: { not: null }, sentAt: { gt: new Date(Date.now() - 3600_000) } },
      orderBy: { seq: "desc" },
      select: { id: true },
    });
    cursor = row!.id;
  });

  const forbidden = async (session: Session, channel: string) => {
    const answer: Answer = await missed(session, channel, cursor);
    expectError(answer, 403);
  };

  it("refuses another user's private channel, and any private channel without a session", async () => {
    await forbidden(outsider, userChannel(world.enrolled.id));
    await forbidden(anonymous(), userChannel(world.enrolled.id));
    await forbidden(student, "private-admin-dashboard");
    await forbidden(student, `private-teacher-dashboard-${world.teacher.id}`);
    await forbidden(student, "not-a-channel");
    await forbidden(student, `private-user-${world.enrolled.id} `);
  });

  it("refuses a course channel to a student not enrolled, allows it to the enrolled one", async () => {
    const channel = `private-course-${world.course.id}`;
    await forbidden(outsider, channel);
    await forbidden(anonymous(), channel);
    const cancelled = (await signInAll([world.cancelled] as const))[0]!;
    await forbidden(cancelled, channel);
    await forbidden(student, `private-course-enrollments-${world.course.id}`);
    for (const session of [student, teacher, admin]) {
      expect((await missed(session, channel, cursor)).status).toBe(200);
      expect((await missed(session, `presence-course-${world.course.id}`, cursor)).status).toBe(
        200,
      );
    }
  });

  it("judges the channel before the id: no 410 for a channel one may not read", async () => {
    await forbidden(outsider, userChannel(world.enrolled.id));
    expectError(await missed(outsider, userChannel(world.enrolled.id), UNKNOWN_ID), 403);
  });
});

describe("malformed queries", () => {
  it("answers 400 naming a missing channel or after", async () => {
    const channel = userChannel(world.enrolled.id);
    expectError(await missed(student, null, UNKNOWN_ID), 400, /channel/);
    expectError(await missed(student, "", UNKNOWN_ID), 400, /channel/);
    expectError(await missed(student, channel, null), 400, /after/);
    expectError(await missed(student, channel, ""), 400, /after/);
    expectError(await missed(anonymous(), null, null), 400, /channel.*after|after.*channel/);
    expectError(await missed(student, channel, "x".repeat(201)), 400, /after/);
  });
});

describe("getEventCursor()", () => {
  it("is the newest published event: a page that read it before its data misses nothing after", async () => {
    // In this process, on the stack's database (the app reads its environment on first use).
    process.env.DATABASE_URL = getStack().databaseUrl;
    const { getEventCursor } = await import("../../web/server/realtime/missed");
    const channel = userChannel(world.enrolled.id);
    const cursor = await getEventCursor();
    expect(cursor).toEqual(expect.any(String));
    const row = await testDb().outboxEvent.findUnique({ where: { id: cursor! } });
    expect(row?.seq).not.toBeNull();
    const before = await missed(student, channel, cursor!);
    expect(before.status).toBe(200);

    const answer = await call<{ id: string }>(student, "POST", "/api/payments", {
      courseId: world.course.id,
      amountCents: 4400,
    });
    expect(answer.status).toBe(201);
    const after = await waitUntil(
      async () => {
        const page = await missed(student, channel, cursor!);
        return page.body.events.some((e) => e.data.paymentId === answer.body.id) ? page : undefined;
      },
      "the new payment in the log after the cursor",
      { timeout: 20_000, interval: 200 },
    );
    expect(after.body.events.slice(before.body.events.length).map((e) => e.event)).toEqual([
      "payment-received",
    ]);
  });
});
