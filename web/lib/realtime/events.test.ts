import { describe, expect, it } from "vitest";
import { channels } from "./channels";
import {
  EVENT_CHANNEL_FAMILIES,
  EVENT_NAMES,
  eventSchemas,
  isEventAllowedOnChannel,
  isEventName,
  parseEventPayload,
  type CourseUpdatePayload,
  type EventName,
  type UserUpdatePayload,
} from "./events";
import { prepareEvent } from "./prepare";
import { testCuid } from "../../../tests/helpers/ids";

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
  "course-update": { courseId: course, change: "archived" },
  "user-update": { userIds: [user, testCuid()], change: "imported" },
};

/** One channel of every family (docs/realtime.md, "Channels"). */
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

describe('event routing (docs/realtime.md, "Events")', () => {
  it("is exactly the documented table", () => {
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
      "course-update": ["public-announcements", "admin-dashboard", "teacher-dashboard"],
      "user-update": ["admin-dashboard"],
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

  it("knows exactly the catalog's names", () => {
    for (const event of EVENT_NAMES) expect(isEventName(event)).toBe(true);
    for (const other of ["client-x", "toString", "constructor", "", 1, null]) {
      expect(isEventName(other), String(other)).toBe(false);
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
    ["new-notification", { key: "" }],
    ["new-notification", { key: "events.paymentApproved" }],
    ["new-notification", { params: { nested: { a: 1 } } }],
    ["new-notification", { params: ["x"] }],
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
    ["course-update", { change: "deleted" }],
    ["course-update", { courseId: "1" }],
    ["user-update", { userIds: [] }],
    ["user-update", { userIds: Array.from({ length: 101 }, () => testCuid()) }],
    ["user-update", { userIds: ["not-a-cuid"] }],
    ["user-update", { change: "deleted" }],
  ])("reject %s with %j", (event, patch) => {
    expect(parseEventPayload(event, { ...valid[event], ...patch, ...envelope }).ok).toBe(false);
  });

  it("take new-notification with or without its message key and parameters", () => {
    const keyed = {
      ...valid["new-notification"],
      key: "paymentApproved",
      params: { amountCents: 4200, courseTitle: "Algebra", reason: null, late: false },
    };
    const older = { ...valid["new-notification"], key: null, params: null };
    for (const payload of [keyed, older, valid["new-notification"]]) {
      expect(parseEventPayload("new-notification", { ...payload, ...envelope })).toEqual({
        ok: true,
        payload: { ...payload, ...envelope },
      });
      const published = prepareEvent({
        channels: [channels.user(user)],
        event: "new-notification",
        payload,
      });
      expect(published.ok, JSON.stringify(payload)).toBe(true);
    }
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

describe("course-update on the public channel", () => {
  it("is typed as the clients receive it", () => {
    const parsed = parseEventPayload("course-update", { ...valid["course-update"], ...envelope });
    const users = parseEventPayload("user-update", { ...valid["user-update"], ...envelope });
    if (!parsed.ok || !users.ok) throw new Error("valid payloads must parse");
    const course: CourseUpdatePayload = parsed.payload;
    const update: UserUpdatePayload = users.payload;
    expect([course.change, update.userIds.length]).toEqual(["archived", 2]);
  });

  it("refuses anything but ids on publish (the channel is open to anyone)", () => {
    const published = prepareEvent({
      channels: [channels.publicAnnouncements()],
      event: "course-update",
      payload: { courseId: course, change: "created", title: "Secret draft" },
    });
    expect(published).toMatchObject({ ok: false, reason: "invalid-payload" });
  });
});
