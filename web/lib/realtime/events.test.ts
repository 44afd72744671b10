import { describe, expect, it } from "vitest";
import { channels } from "./channels";
import {
  EVENT_CHANNEL_FAMILIES,
  EVENT_NAMES,
  MAX_EVENT_BYTES,
  eventSchemas,
  isEventAllowedOnChannel,
  parseEventPayload,
  prepareEvent,
  utf8ByteLength,
  type EventName,
} from "./events";
import { realtimeMessages } from "./messages";
import { testCuid } from "./test-ids";

const user = testCuid();
const course = testCuid();
const envelope = { eventId: "evt-1", occurredAt: "2026-11-26T10:00:00.000Z" };

/** One valid payload (own fields) per event. */
const valid: { [E in EventName]: Record<string, unknown> } = {
  "new-notification": {
    id: testCuid(),
    title: "Hi",
    message: "There",
    type: "info",
    link: "/student",
  },
  "dashboard-update": { scope: "payments" },
  "stats-update": { stats: { courses: 2, label: "x", ok: true, none: null } },
  "new-enrollment": {
    enrollmentId: testCuid(),
    courseId: course,
    courseName: "Algebra",
    studentId: user,
    studentName: "Ada",
    timestamp: "2026-11-26T10:00:00Z",
  },
  "enrollment-update": { enrollmentId: testCuid(), courseId: course, status: "CANCELLED" },
  "payment-received": {
    paymentId: testCuid(),
    courseId: course,
    courseTitle: "Algebra",
    amountCents: 1999,
    status: "PENDING",
  },
  "payment-approved": {
    paymentId: testCuid(),
    courseId: course,
    courseTitle: "Algebra",
    amountCents: 1999,
    status: "COMPLETED",
  },
  "new-score": {
    scoreId: testCuid(),
    courseId: course,
    courseTitle: "Algebra",
    score: 8.5,
    maxScore: 10,
  },
  "score-update": {
    scoreId: testCuid(),
    courseId: course,
    courseTitle: "Algebra",
    score: 9,
    maxScore: 10,
  },
  "attendance-marked": {
    attendanceId: testCuid(),
    courseId: course,
    courseTitle: "Algebra",
    date: "2026-11-26",
    status: "late",
  },
  "new-announcement": {
    id: testCuid(),
    title: "Hello",
    message: "World",
    timestamp: "2026-11-26T10:00:00+01:00",
  },
};

/** All channels of contract §5, by family. */
const channelByFamily = {
  user: channels.user(user),
  "student-dashboard": channels.studentDashboard(user),
  "teacher-dashboard": channels.teacherDashboard(user),
  "admin-dashboard": channels.adminDashboard(),
  course: channels.course(course),
  "course-enrollments": channels.courseEnrollments(course),
  "presence-course": channels.presenceCourse(course),
  "public-announcements": channels.publicAnnouncements(),
} as const;

describe("event routing (contract §6)", () => {
  it("is exactly the contract's table", () => {
    expect(EVENT_CHANNEL_FAMILIES).toEqual({
      "new-notification": ["user"],
      "dashboard-update": ["user", "student-dashboard", "teacher-dashboard", "admin-dashboard"],
      "stats-update": ["student-dashboard", "teacher-dashboard", "admin-dashboard", "course"],
      "new-enrollment": ["course-enrollments", "teacher-dashboard", "admin-dashboard"],
      "enrollment-update": ["course-enrollments", "user"],
      "payment-received": ["user", "admin-dashboard"],
      "payment-approved": ["user", "admin-dashboard"],
      "new-score": ["user"],
      "score-update": ["user"],
      "attendance-marked": ["user"],
      "new-announcement": ["public-announcements"],
    });
  });

  it("allows each event on its families and nowhere else", () => {
    for (const event of EVENT_NAMES) {
      for (const [family, channel] of Object.entries(channelByFamily)) {
        const expected = (EVENT_CHANNEL_FAMILIES[event] as readonly string[]).includes(family);
        expect(isEventAllowedOnChannel(event, channel), `${event} on ${family}`).toBe(expected);
        const result = prepareEvent({ channels: [channel], event, payload: valid[event] });
        expect(result.ok, `${event} on ${family}`).toBe(expected);
        if (!result.ok) expect(result.reason).toBe("channel-not-allowed");
      }
    }
  });

  it("never allows anything on presence channels", () => {
    for (const event of EVENT_NAMES) {
      expect(isEventAllowedOnChannel(event, channelByFamily["presence-course"])).toBe(false);
    }
  });
});

describe("payload schemas", () => {
  it("accept a valid payload of every event (with the envelope)", () => {
    for (const event of EVENT_NAMES) {
      const parsed = parseEventPayload(event, { ...valid[event], ...envelope });
      expect(parsed.ok, event).toBe(true);
    }
  });

  it("require eventId and occurredAt", () => {
    for (const event of EVENT_NAMES) {
      expect(eventSchemas[event].safeParse(valid[event]).success, event).toBe(false);
      expect(eventSchemas[event].safeParse({ ...valid[event], eventId: "x" }).success).toBe(false);
      expect(
        eventSchemas[event].safeParse({ ...valid[event], ...envelope, occurredAt: "yesterday" })
          .success,
      ).toBe(false);
      expect(
        eventSchemas[event].safeParse({ ...valid[event], ...envelope, eventId: "" }).success,
      ).toBe(false);
      expect(
        eventSchemas[event].safeParse({ ...valid[event], ...envelope, eventId: "a b" }).success,
      ).toBe(false);
    }
  });

  it.each<[EventName, Record<string, unknown>]>([
    ["new-notification", { type: "fatal" }],
    ["new-notification", { link: "javascript:alert(1)" }],
    ["new-notification", { link: "//evil.example/x" }],
    ["new-notification", { link: "https://evil.example/x" }],
    ["new-notification", { title: "" }],
    ["new-notification", { id: "1" }],
    ["dashboard-update", { scope: "everything" }],
    ["stats-update", { stats: { nested: { a: 1 } } }],
    ["stats-update", { stats: [1, 2] }],
    ["new-enrollment", { timestamp: "2026-13-01T00:00:00Z" }],
    ["new-enrollment", { courseId: "not-a-cuid" }],
    ["enrollment-update", { status: "active" }],
    ["payment-received", { amountCents: 0 }],
    ["payment-received", { amountCents: 10.5 }],
    ["payment-received", { amountCents: "100" }],
    ["payment-approved", { status: "APPROVED" }],
    ["new-score", { maxScore: 0 }],
    ["score-update", { score: -1 }],
    ["new-score", { score: Number.POSITIVE_INFINITY }],
    ["attendance-marked", { status: "PRESENT" }],
    ["attendance-marked", { date: "26/11/2026" }],
    ["new-announcement", { message: "" }],
  ])("reject %s with %j", (event, patch) => {
    expect(parseEventPayload(event, { ...valid[event], ...patch, ...envelope }).ok).toBe(false);
  });

  it("strip unknown keys on receive, reject them on publish", () => {
    const received = parseEventPayload("dashboard-update", { scope: "all", extra: 1, ...envelope });
    expect(received).toEqual({ ok: true, payload: { scope: "all", ...envelope } });
    const published = prepareEvent({
      channels: [channels.user(user)],
      event: "dashboard-update",
      payload: { scope: "all", extra: 1 },
    });
    expect(published).toMatchObject({ ok: false, reason: "invalid-payload" });
  });
});

describe("prepareEvent", () => {
  it("adds eventId and occurredAt, keeps given ones", () => {
    const fresh = prepareEvent(
      { channels: [channels.user(user)], event: "dashboard-update", payload: { scope: "all" } },
      { now: () => new Date("2026-01-02T03:04:05.000Z"), generateId: () => "gen-1" },
    );
    expect(fresh).toMatchObject({
      ok: true,
      prepared: {
        eventId: "gen-1",
        occurredAt: "2026-01-02T03:04:05.000Z",
        payload: { scope: "all" },
      },
    });
    const given = prepareEvent({
      channels: [channels.user(user)],
      event: "dashboard-update",
      payload: { scope: "all", eventId: "in-payload", occurredAt: "2026-01-01T00:00:00Z" },
    });
    expect(given.ok && given.prepared.eventId).toBe("in-payload");
    const explicit = prepareEvent({
      channels: [channels.user(user)],
      event: "dashboard-update",
      payload: { scope: "all", eventId: "in-payload" },
      eventId: "explicit",
    });
    expect(explicit.ok && explicit.prepared.eventId).toBe("explicit");
    expect(explicit.ok && JSON.parse(explicit.prepared.data)).toMatchObject({
      eventId: "explicit",
    });
  });

  it("generates a different eventId each time by default", () => {
    const make = () =>
      prepareEvent({
        channels: [channels.user(user)],
        event: "dashboard-update",
        payload: { scope: "all" },
      });
    const a = make();
    const b = make();
    expect(a.ok && b.ok && a.prepared.eventId !== b.prepared.eventId).toBe(true);
  });

  it("rejects unknown events, bad channels, empty channel lists and non-objects", () => {
    expect(
      prepareEvent({ channels: [channels.user(user)], event: "client-x", payload: {} }),
    ).toMatchObject({
      ok: false,
      reason: "unknown-event",
    });
    expect(
      prepareEvent({
        channels: ["private-user-1"],
        event: "dashboard-update",
        payload: { scope: "all" },
      }),
    ).toMatchObject({
      ok: false,
      reason: "invalid-channel",
    });
    expect(
      prepareEvent({ channels: [], event: "dashboard-update", payload: { scope: "all" } }),
    ).toMatchObject({
      ok: false,
      reason: "no-channels",
    });
    for (const payload of [null, "x", [1], 3]) {
      expect(
        prepareEvent({ channels: [channels.user(user)], event: "dashboard-update", payload }),
      ).toMatchObject({
        ok: false,
        reason: "invalid-payload",
      });
    }
  });

  it("de-duplicates channels", () => {
    const result = prepareEvent({
      channels: [channels.user(user), channels.user(user)],
      event: "dashboard-update",
      payload: { scope: "all" },
    });
    expect(result.ok && result.prepared.channels).toEqual([channels.user(user)]);
  });

  it("enforces the 10 KB limit on the serialized payload, in UTF-8 bytes", () => {
    // A stats object fills bytes exactly without tripping per-field limits; "é" is 2 bytes.
    const stats = (bytes: number) => {
      const entries: Record<string, string> = {};
      for (let i = 0; bytes > 0; i++) {
        const chunk = Math.min(400, bytes);
        entries[`k${i}`] = "é".repeat(Math.floor(chunk / 2)) + "a".repeat(chunk % 2);
        bytes -= chunk;
      }
      return entries;
    };
    const prep = (fill: number) =>
      prepareEvent({
        channels: [channels.adminDashboard()],
        event: "stats-update",
        payload: { stats: stats(fill) },
        eventId: "fixed",
        occurredAt: envelope.occurredAt,
      });
    // Grow byte by byte until the limit: the last accepted size is exactly MAX_EVENT_BYTES or
    // just below it (when adding a key jumps several bytes); the next is refused.
    let fill = 9900;
    let last = prep(fill);
    for (;;) {
      const next = prep(fill + 1);
      if (!next.ok) {
        expect(next.reason).toBe("too-large");
        expect(next.error).toMatch(/over the 10240-byte limit/);
        break;
      }
      last = next;
      fill += 1;
    }
    expect(last.ok && last.prepared.bytes).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(last.ok && last.prepared.bytes).toBeGreaterThan(MAX_EVENT_BYTES - 16);
    expect(last.ok && utf8ByteLength(last.prepared.data)).toBe(last.ok && last.prepared.bytes);
    expect(utf8ByteLength("é")).toBe(2);
  });
});

describe("message builders", () => {
  it("produce messages that prepare cleanly", () => {
    const teacher = testCuid();
    const messages = [
      realtimeMessages.dashboardUpdate(user, "all"),
      realtimeMessages.dashboardUpdate({ role: "STUDENT", id: user }, "scores"),
      realtimeMessages.dashboardUpdate({ role: "TEACHER", id: teacher }, "enrollments"),
      realtimeMessages.dashboardUpdate({ role: "ADMIN", id: user }, "payments"),
      realtimeMessages.statsUpdate({ courseId: course }, { students: 3 }),
      realtimeMessages.statsUpdate({ role: "ADMIN", id: user }, { revenue: 100 }),
      realtimeMessages.newEnrollment(course, teacher, {
        enrollmentId: testCuid(),
        courseName: "Algebra",
        studentId: user,
        studentName: "Ada",
        timestamp: new Date(),
      }),
      realtimeMessages.enrollmentUpdate(user, {
        enrollmentId: testCuid(),
        courseId: course,
        status: "ACTIVE",
      }),
      realtimeMessages.notification(user, {
        id: testCuid(),
        title: "t",
        message: "m",
        type: "success",
        link: null,
      }),
      realtimeMessages.paymentReceived(user, valid["payment-received"] as never),
      realtimeMessages.paymentApproved(user, valid["payment-approved"] as never),
      realtimeMessages.newScore(user, valid["new-score"] as never),
      realtimeMessages.scoreUpdate(user, valid["score-update"] as never),
      realtimeMessages.attendanceMarked(user, {
        ...valid["attendance-marked"],
        date: new Date("2026-11-26T00:00:00Z"),
      } as never),
      realtimeMessages.newAnnouncement({ id: testCuid(), title: "a", message: "b" }),
    ];
    for (const message of messages) {
      const result = prepareEvent(message);
      expect(result.ok, `${message.event}: ${result.ok ? "" : result.error}`).toBe(true);
    }
    expect(messages[6]!.channels).toEqual([
      channels.courseEnrollments(course),
      channels.teacherDashboard(teacher),
      channels.adminDashboard(),
    ]);
    expect(messages[13]!.payload).toMatchObject({ date: "2026-11-26" });
    expect(messages[8]!.payload).not.toHaveProperty("link");
  });

  it("copy only the contract's fields from a database row", () => {
    const row = {
      ...valid["payment-received"],
      studentId: user,
      reason: null,
      createdAt: new Date(),
    };
    const message = realtimeMessages.paymentReceived(user, row as never);
    expect(Object.keys(message.payload).sort()).toEqual(
      ["amountCents", "courseId", "courseTitle", "paymentId", "status"].sort(),
    );
  });
});
