// The events (docs/realtime.md, "Events") of every mutating route, received by real pusher-js clients (authorized through
// the app's /api/pusher/auth) from the real Soketi: channels, exact payload fields, eventId and
// occurredAt, arrival within 2 s. Prints the delay from the HTTP response to the event's arrival.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCourseWorld, testDb, type CourseWorld } from "../helpers/factories";
import type { Session } from "../helpers/http";
import { connectAs, type ReceivedEvent, type RealtimeClient } from "../helpers/realtime";
import { call, signInAll, ISO_DATE_TIME } from "../helpers/api";
import { waitUntil } from "../helpers/wait";

const WITHIN_MS = 2000;

let world: CourseWorld;
let sessions: { student: Session; outsider: Session; teacher: Session; admin: Session };
let rt: {
  student: RealtimeClient;
  outsider: RealtimeClient;
  teacher: RealtimeClient;
  admin: RealtimeClient;
  anonymous: RealtimeClient;
};
const ch = {
  user: (id: string) => `private-user-${id}`,
  teacherDashboard: (id: string) => `private-teacher-dashboard-${id}`,
  courseEnrollments: (id: string) => `private-course-enrollments-${id}`,
  admin: "private-admin-dashboard",
  announcements: "public-announcements",
};

/**
 * Per awaited event: ms from the complete HTTP response to the event's arrival (negative: the
 * event beat the response) and from sending the request to the event's arrival.
 */
const delays: { event: string; ms: number; fromRequest: number }[] = [];
/** Every event this file waited for, to check eventId uniqueness across them. */
const seen: ReceivedEvent[] = [];

beforeAll(async () => {
  world = await buildCourseWorld();
  const [student, outsider, teacher, admin] = await signInAll([
    world.enrolled,
    world.outsider,
    world.teacher,
    world.admin,
  ] as const);
  sessions = { student: student!, outsider: outsider!, teacher: teacher!, admin: admin! };
  const clients = await Promise.all([
    connectAs(sessions.student),
    connectAs(sessions.outsider),
    connectAs(sessions.teacher),
    connectAs(sessions.admin),
    connectAs(null),
  ]);
  rt = {
    student: clients[0]!,
    outsider: clients[1]!,
    teacher: clients[2]!,
    admin: clients[3]!,
    anonymous: clients[4]!,
  };
  await Promise.all([
    rt.student.subscribe(ch.user(world.enrolled.id)),
    rt.outsider.subscribe(ch.user(world.outsider.id)),
    rt.teacher.subscribe(ch.user(world.teacher.id)),
    rt.teacher.subscribe(ch.teacherDashboard(world.teacher.id)),
    rt.teacher.subscribe(ch.courseEnrollments(world.course.id)),
    rt.admin.subscribe(ch.admin),
    rt.anonymous.subscribe(ch.announcements),
  ]);
});

afterAll(() => {
  for (const client of Object.values(rt ?? {})) client.disconnect();
  if (delays.length === 0) return;
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms, min ${sorted[0]} ms`;
  };
  const byEvent = new Map<string, string[]>();
  for (const d of delays)
    byEvent.set(d.event, [...(byEvent.get(d.event) ?? []), `${d.ms}/${d.fromRequest}`]);
  console.log(
    `[realtime delay] over ${delays.length} events\n` +
      `  HTTP response complete → pusher-js event: ${summary(delays.map((d) => d.ms))}\n` +
      `  request sent → pusher-js event:           ${summary(delays.map((d) => d.fromRequest))}\n` +
      [...byEvent]
        .map(([event, ms]) => `  ${event} (from response/from request): ${ms.join(", ")} ms`)
        .join("\n"),
  );
});

/**
 * Sends a request and returns its answer with the moment the response was complete, so the
 * events it causes can be timed from there.
 */
async function act<T>(session: Session, method: string, path: string, body?: unknown) {
  const sent = Date.now();
  const answer = await call<T>(session, method, path, body);
  return { ...answer, sent, at: Date.now() };
}

/** Waits for an event (2 s from the response), records its delay, checks the envelope. */
async function expectEvent(
  client: RealtimeClient,
  channel: string,
  event: string,
  request: { sent: number; at: number },
  predicate: (data: Record<string, unknown>) => boolean,
) {
  const since = request.at;
  const remaining = Math.max(0, since + WITHIN_MS - Date.now());
  const received = await client.waitFor(channel, event, predicate, remaining);
  delays.push({ event, ms: received.at - since, fromRequest: received.at - request.sent });
  seen.push(received);
  const { eventId, occurredAt } = received.data;
  expect(eventId, `${event} eventId`).toEqual(expect.any(String));
  expect((eventId as string).length).toBeGreaterThan(0);
  expect(occurredAt, `${event} occurredAt`).toMatch(ISO_DATE_TIME);
  // The change happened around the request, not at some other time.
  expect(Math.abs(Date.parse(occurredAt as string) - since)).toBeLessThan(30_000);
  expect(JSON.stringify(received.data).length).toBeLessThanOrEqual(10 * 1024);
  return received.data;
}

/** The payload's own fields (without eventId and occurredAt). */
function own(data: Record<string, unknown>) {
  const { eventId: _id, occurredAt: _at, ...rest } = data;
  return rest;
}

describe("POST /api/enrollments", () => {
  it("new-enrollment on the course feed, the teacher's and the admin dashboard; a notification to the teacher", async () => {
    // Published after commit: the moment the event arrives, the row it describes is visible.
    const visibleOnArrival: Promise<boolean>[] = [];
    const onArrival = (data: { enrollmentId: string }) => {
      visibleOnArrival.push(
        testDb()
          .enrollment.findUnique({ where: { id: data.enrollmentId } })
          .then((row) => row !== null),
      );
    };
    const feedChannel = rt.teacher.pusher.channel(ch.courseEnrollments(world.course.id))!;
    feedChannel.bind("new-enrollment", onArrival);
    const res = await act<{ id: string }>(sessions.outsider, "POST", "/api/enrollments", {
      courseId: world.course.id,
    });
    expect(res.status).toBe(201);
    const mine = (d: Record<string, unknown>) => d.enrollmentId === res.body.id;
    const [feed, dashboard, adminDash] = await Promise.all([
      expectEvent(rt.teacher, ch.courseEnrollments(world.course.id), "new-enrollment", res, mine),
      expectEvent(rt.teacher, ch.teacherDashboard(world.teacher.id), "new-enrollment", res, mine),
      expectEvent(rt.admin, ch.admin, "new-enrollment", res, mine),
    ]);
    const expected = {
      enrollmentId: res.body.id,
      courseId: world.course.id,
      courseName: world.course.title,
      studentId: world.outsider.id,
      studentName: world.outsider.name,
      timestamp: expect.stringMatching(ISO_DATE_TIME),
    };
    for (const data of [feed, dashboard, adminDash]) expect(own(data)).toEqual(expected);
    feedChannel.unbind("new-enrollment", onArrival);
    expect(await Promise.all(visibleOnArrival)).toEqual([true]);
    // One logical event fanned out to three channels: one eventId.
    expect(new Set([feed.eventId, dashboard.eventId, adminDash.eventId]).size).toBe(1);

    const note = await expectEvent(
      rt.teacher,
      ch.user(world.teacher.id),
      "new-notification",
      res,
      (d) => String(d.message).includes(world.outsider.name),
    );
    const row = await testDb().notification.findFirstOrThrow({
      where: { userId: world.teacher.id },
      orderBy: { createdAt: "desc" },
    });
    expect(own(note)).toEqual({
      id: row.id,
      title: row.title,
      message: row.message,
      type: row.type,
      ...(row.link ? { link: row.link } : {}),
      // Beside the contract's fields: the message key and parameters each reader's page renders
      // in its own language.
      key: row.key,
      params: row.params,
    });
    expect(["success", "error", "warning", "info"]).toContain(note.type);
  });
});

describe("payments", () => {
  it("POST /api/payments → payment-received to the student and the admin dashboard", async () => {
    const res = await act<{ id: string }>(sessions.student, "POST", "/api/payments", {
      courseId: world.course.id,
      amountCents: 2500,
    });
    expect(res.status).toBe(201);
    const mine = (d: Record<string, unknown>) => d.paymentId === res.body.id;
    const [toStudent, toAdmin] = await Promise.all([
      expectEvent(rt.student, ch.user(world.enrolled.id), "payment-received", res, mine),
      expectEvent(rt.admin, ch.admin, "payment-received", res, mine),
    ]);
    const expected = {
      paymentId: res.body.id,
      courseId: world.course.id,
      courseTitle: world.course.title,
      amountCents: 2500,
      status: "PENDING",
    };
    expect(own(toStudent)).toEqual(expected);
    expect(own(toAdmin)).toEqual(expected);
  });

  it("approve → payment-approved to the student and the admin dashboard, and a success notification", async () => {
    const payment = await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 4200 },
    });
    const res = await act(sessions.admin, "POST", `/api/payments/${payment.id}/approve`);
    expect(res.status).toBe(200);
    const mine = (d: Record<string, unknown>) => d.paymentId === payment.id;
    const [toStudent, toAdmin] = await Promise.all([
      expectEvent(rt.student, ch.user(world.enrolled.id), "payment-approved", res, mine),
      expectEvent(rt.admin, ch.admin, "payment-approved", res, mine),
    ]);
    const expected = {
      paymentId: payment.id,
      courseId: world.course.id,
      courseTitle: world.course.title,
      amountCents: 4200,
      status: "COMPLETED",
    };
    expect(own(toStudent)).toEqual(expected);
    expect(own(toAdmin)).toEqual(expected);
    const note = await expectEvent(
      rt.student,
      ch.user(world.enrolled.id),
      "new-notification",
      res,
      (d) => String(d.message).includes("42.00"),
    );
    expect(note).toMatchObject({
      type: "success",
      title: expect.any(String),
      id: expect.any(String),
    });
    expect(
      await testDb().notification.findUnique({ where: { id: note.id as string } }),
    ).toMatchObject({ userId: world.enrolled.id });
  });

  it("reject → an error notification to the student, no payment-approved", async () => {
    const payment = await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 1300 },
    });
    const res = await act(sessions.admin, "POST", `/api/payments/${payment.id}/reject`, {
      reason: "Blurry receipt",
    });
    expect(res.status).toBe(200);
    const note = await expectEvent(
      rt.student,
      ch.user(world.enrolled.id),
      "new-notification",
      res,
      (d) => String(d.message).includes("Blurry receipt"),
    );
    expect(note).toMatchObject({ type: "error", id: expect.any(String) });
    expect(
      rt.student.received.some(
        (e) => e.event === "payment-approved" && e.data.paymentId === payment.id,
      ),
    ).toBe(false);
    expect(
      rt.admin.received.some(
        (e) => e.event === "payment-approved" && e.data.paymentId === payment.id,
      ),
    ).toBe(false);
  });
});

describe("scores and attendance", () => {
  it("POST /api/scores → new-score and a notification to the student; PATCH → score-update", async () => {
    const res = await act<{ id: string }>(sessions.teacher, "POST", "/api/scores", {
      studentId: world.enrolled.id,
      courseId: world.course.id,
      score: 14,
      maxScore: 20,
      title: "Essay",
    });
    expect(res.status).toBe(201);
    // new-score and score-update carry the same fields, on the student's own channel.
    const expectScoreEvent = async (
      event: "new-score" | "score-update",
      answer: Parameters<typeof expectEvent>[3],
      score: number,
    ) => {
      const data = await expectEvent(
        rt.student,
        ch.user(world.enrolled.id),
        event,
        answer,
        (d) => d.scoreId === res.body.id,
      );
      expect(own(data)).toEqual({
        scoreId: res.body.id,
        courseId: world.course.id,
        courseTitle: world.course.title,
        score,
        maxScore: 20,
      });
    };
    await expectScoreEvent("new-score", res, 14);
    const note = await expectEvent(
      rt.student,
      ch.user(world.enrolled.id),
      "new-notification",
      res,
      (d) => String(d.message).includes("Essay"),
    );
    expect(note.type).toEqual(expect.stringMatching(/^(success|error|warning|info)$/));

    const patch = await act(sessions.teacher, "PATCH", `/api/scores/${res.body.id}`, { score: 19 });
    expect(patch.status).toBe(200);
    await expectScoreEvent("score-update", patch, 19);
    // No one else's private channel saw it.
    expect(rt.outsider.received.some((e) => e.data.scoreId === res.body.id)).toBe(false);
  });

  it("POST /api/attendance → attendance-marked, again on a repeat with the new status", async () => {
    const body = {
      studentId: world.enrolled.id,
      courseId: world.course.id,
      date: "2026-02-27",
      status: "absent",
    };
    const res = await act<{ id: string }>(sessions.teacher, "POST", "/api/attendance", body);
    expect(res.status).toBe(201);
    const first = await expectEvent(
      rt.student,
      ch.user(world.enrolled.id),
      "attendance-marked",
      res,
      (d) => d.attendanceId === res.body.id && d.status === "absent",
    );
    expect(own(first)).toEqual({
      attendanceId: res.body.id,
      courseId: world.course.id,
      courseTitle: world.course.title,
      date: "2026-02-27",
      status: "absent",
    });

    const repeat = await act<{ id: string }>(sessions.teacher, "POST", "/api/attendance", {
      ...body,
      status: "excused",
    });
    expect(repeat.body.id).toBe(res.body.id);
    const second = await expectEvent(
      rt.student,
      ch.user(world.enrolled.id),
      "attendance-marked",
      repeat,
      (d) => d.status === "excused",
    );
    expect(own(second)).toMatchObject({
      attendanceId: res.body.id,
      date: "2026-02-27",
      status: "excused",
    });
    expect(second.eventId).not.toBe(first.eventId);
  });
});

describe("POST /api/announcements", () => {
  /** The admin posts one (201); resolves with the answer and the anonymous client's event. */
  async function announce(title: string, message: string) {
    const res = await act<{ id: string; timestamp: string }>(
      sessions.admin,
      "POST",
      "/api/announcements",
      { title, message },
    );
    expect(res.status).toBe(201);
    const data = await expectEvent(
      rt.anonymous,
      ch.announcements,
      "new-announcement",
      res,
      (d) => d.id === res.body.id,
    );
    return { res, data };
  }

  it("new-announcement on public-announcements, received by an anonymous client", async () => {
    const title = `Library hours ${Date.now()}`;
    const { res, data } = await announce(title, "Open late.");
    expect(own(data)).toEqual({
      id: res.body.id,
      title,
      message: "Open late.",
      timestamp: expect.stringMatching(ISO_DATE_TIME),
    });
  });

  it("stores the announcement and its two events in one statement, as the answer and the event say", async () => {
    // Quotes, a backslash and non-ASCII text travel as parameters, not as SQL.
    const title = `Exam "rooms" \\ Räume ✓ ${Date.now()}`;
    const message = 'Bring your ID\'; DROP TABLE "Announcement"; --';
    const { res, data } = await announce(title, message);
    const row = await testDb().announcement.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row).toMatchObject({ title, message, authorId: world.admin.id });
    expect(row.createdAt.toISOString()).toBe(res.body.timestamp);
    expect(data.timestamp).toBe(res.body.timestamp);
    // The event's row, then the admin dashboard's, next to each other in the log; both sent.
    await waitUntil(
      async () =>
        (await testDb().outboxEvent.count({
          where: { id: data.eventId as string, sentAt: { not: null } },
        })) === 1,
      "the announcement's outbox row marked sent",
      { timeout: 10_000 },
    );
    const announced = await testDb().outboxEvent.findUniqueOrThrow({
      where: { id: data.eventId as string },
    });
    expect(announced).toMatchObject({
      channels: [ch.announcements],
      event: "new-announcement",
      lastError: null,
    });
    const next = await testDb().outboxEvent.findUniqueOrThrow({
      where: { seq: announced.seq + 1n },
    });
    expect(next).toMatchObject({ channels: [ch.admin], event: "dashboard-update" });
  });
});

describe("across all events of this file", () => {
  it("each logical event has its own eventId, and none arrived twice on a channel", () => {
    expect(seen.length).toBeGreaterThan(10);
    const logical = new Map<string, string>();
    for (const e of seen) {
      const key = `${e.event}:${JSON.stringify(own(e.data))}`;
      const id = e.data.eventId as string;
      if (logical.has(id)) expect(logical.get(id), `eventId ${id} reused`).toBe(key);
      logical.set(id, key);
    }
    for (const client of Object.values(rt)) {
      const perChannel = client.received.map((e) => `${e.channel}|${String(e.data.eventId)}`);
      expect(new Set(perChannel).size, "an event delivered twice to one channel").toBe(
        perChannel.length,
      );
    }
  });
});
