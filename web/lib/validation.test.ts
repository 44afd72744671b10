import { describe, expect, it } from "vitest";
import {
  announcementBody,
  attendanceBody,
  channelAuthBody,
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
