import { describe, expect, it } from "vitest";
import {
  announcementBody,
  attendanceBody,
  channelAuthBody,
  dateSchema,
  notificationsQuery,
  paymentBody,
  scoreBody,
  scorePatchBody,
} from "./validation";

const id = "c" + "a".repeat(24);
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.path.join("."));

describe("request schemas", () => {
  it("accepts whole positive cents and names amountCents otherwise", () => {
    expect(paymentBody.safeParse({ courseId: id, amountCents: 4990 }).success).toBe(true);
    for (const amountCents of [0, -5, 1.5, "10", null, 100_000_001]) {
      expect(issues(paymentBody.safeParse({ courseId: id, amountCents }))).toEqual(["amountCents"]);
    }
  });

  it("rejects unknown fields and malformed ids, naming them", () => {
    expect(issues(paymentBody.safeParse({ courseId: id, amountCents: 1, extra: true }))).toEqual([
      "",
    ]);
    expect(issues(paymentBody.safeParse({ courseId: "42", amountCents: 1 }))).toEqual(["courseId"]);
  });

  it("accepts only real calendar dates and the four statuses for attendance", () => {
    const base = { studentId: id, courseId: id, status: "present" };
    expect(attendanceBody.safeParse({ ...base, date: "2026-02-28" }).success).toBe(true);
    expect(issues(attendanceBody.safeParse({ ...base, date: "2026-02-30" }))).toEqual(["date"]);
    expect(issues(attendanceBody.safeParse({ ...base, date: "28/02/2026" }))).toEqual(["date"]);
    expect(
      issues(attendanceBody.safeParse({ ...base, date: "2026-02-28", status: "sick" })),
    ).toEqual(["status"]);
  });

  it("keeps a score within 0…maxScore", () => {
    const base = { studentId: id, courseId: id };
    expect(scoreBody.safeParse({ ...base, score: 7.5, maxScore: 10 }).success).toBe(true);
    expect(issues(scoreBody.safeParse({ ...base, score: 11, maxScore: 10 }))).toEqual(["score"]);
    expect(issues(scoreBody.safeParse({ ...base, score: -1, maxScore: 10 }))).toEqual(["score"]);
    expect(issues(scoreBody.safeParse({ ...base, score: 1, maxScore: 0 }))).toContain("maxScore");
    expect(issues(scorePatchBody.safeParse({}))).toEqual(["score"]);
  });

  it("caps an announcement by bytes so it always fits one realtime event", () => {
    expect(announcementBody.safeParse({ title: "Hi", message: "x".repeat(5000) }).success).toBe(
      true,
    );
    // 3000 four-byte characters: within 5000 characters but 12 KB.
    expect(issues(announcementBody.safeParse({ title: "Hi", message: "😀".repeat(3000) }))).toEqual(
      ["message"],
    );
    expect(issues(announcementBody.safeParse({ title: "  ", message: "m" }))).toEqual(["title"]);
  });

  it("applies the same text rules to a score's title as to an announcement's", () => {
    const base = { studentId: id, courseId: id, score: 1, maxScore: 1 };
    expect(scoreBody.safeParse({ ...base, title: "  Quiz  " }).data?.title).toBe("Quiz");
    expect(issues(scoreBody.safeParse({ ...base, title: " " }))).toEqual(["title"]);
    expect(issues(scoreBody.safeParse({ ...base, title: "a\u0000b" }))).toEqual(["title"]);
    expect(issues(announcementBody.safeParse({ title: "t", message: "a\u0000b" }))).toEqual([
      "message",
    ]);
  });

  it("needs a socket id shaped like pusher-js's and any channel name", () => {
    expect(channelAuthBody.safeParse({ socket_id: "123.456", channel_name: "" }).success).toBe(
      true,
    );
    expect(issues(channelAuthBody.safeParse({ socket_id: "123", channel_name: "x" }))).toEqual([
      "socket_id",
    ]);
    expect(issues(channelAuthBody.safeParse({ socket_id: "1.2" }))).toEqual(["channel_name"]);
  });
});

describe("dateSchema", () => {
  it.each(["2026-12-01", "0001-01-01", "9999-12-31"])("takes %s", (date) => {
    expect(dateSchema.safeParse(date).success).toBe(true);
  });
  it.each(["0000-01-01", "2026-02-30", "2026-1-1", "26-12-01"])("refuses %s", (date) => {
    expect(dateSchema.safeParse(date).success).toBe(false);
  });
});

describe("notificationsQuery's before", () => {
  it("keeps a date the database can store", () => {
    const before = notificationsQuery.parse({ before: "2026-12-01T10:00:00Z" }).before;
    expect(before?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
  });

  it.each([
    ["99999-01-01", "9999-12-31T23:59:59.999Z"],
    ["-000050-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"],
  ])("bounds %s to %s (past every stored row, and storable)", (typed, bound) => {
    expect(notificationsQuery.parse({ before: typed }).before?.toISOString()).toBe(bound);
  });

  it("refuses what is not a date", () => {
    expect(notificationsQuery.safeParse({ before: "not-a-date" }).success).toBe(false);
  });
});
