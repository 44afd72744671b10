import { describe, expect, it } from "vitest";
import { channels } from "./channels";
import { eventCatalog } from "./events";
import { realtimeMessage, realtimeMessages } from "./messages";
import { prepareEvent } from "./prepare";
import { testCuid } from "../../../tests/helpers/ids";

const user = testCuid();
const course = testCuid();
const payment = {
  paymentId: testCuid(),
  courseId: course,
  courseTitle: "Algebra",
  amountCents: 1999,
  status: "PENDING",
} as const;
const score = { scoreId: testCuid(), courseId: course, courseTitle: "Algebra", score: 9 };

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
      realtimeMessages.paymentReceived(user, payment),
      realtimeMessages.paymentApproved(user, { ...payment, status: "COMPLETED" }),
      realtimeMessages.newScore(user, { ...score, maxScore: 10 }),
      realtimeMessages.scoreUpdate(user, { ...score, maxScore: 20 }),
      realtimeMessages.attendanceMarked(user, {
        attendanceId: testCuid(),
        courseId: course,
        courseTitle: "Algebra",
        date: new Date("2026-11-26T00:00:00Z"),
        status: "late",
      }),
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
    expect(messages[9]!.channels).toEqual([channels.user(user), channels.adminDashboard()]);
    expect(messages[13]!.payload).toMatchObject({ date: "2026-11-26" });
    expect(messages[8]!.payload).not.toHaveProperty("link");
  });

  it("address course-update to the public channel, the admin and each teacher once", () => {
    const [oldTeacher, newTeacher] = [testCuid(), testCuid()];
    const message = realtimeMessages.courseUpdate(course, "updated", [
      oldTeacher,
      newTeacher,
      newTeacher,
    ]);
    expect(message.channels).toEqual([
      channels.publicAnnouncements(),
      channels.adminDashboard(),
      channels.teacherDashboard(oldTeacher),
      channels.teacherDashboard(newTeacher),
    ]);
    expect(message.payload).toEqual({ courseId: course, change: "updated" });
    expect(prepareEvent(message).ok).toBe(true);
  });

  it("name at most 100 users in a user-update", () => {
    const ids = Array.from({ length: 250 }, () => testCuid());
    const message = realtimeMessages.userUpdate(ids, "imported");
    expect(message.channels).toEqual([channels.adminDashboard()]);
    expect(message.payload).toEqual({ userIds: ids.slice(0, 100), change: "imported" });
    expect(prepareEvent(message).ok).toBe(true);
  });

  it("copy only the catalog's fields from a database row", () => {
    const row = { ...payment, studentId: user, reason: null, createdAt: new Date() };
    const message = realtimeMessages.paymentReceived(user, row);
    expect(Object.keys(message.payload).sort()).toEqual(
      ["amountCents", "courseId", "courseTitle", "paymentId", "status"].sort(),
    );
  });

  it("build any event generically, in the catalog's field order", () => {
    const message = realtimeMessage("new-announcement", [channels.publicAnnouncements()], {
      timestamp: "2026-11-26T10:00:00Z",
      message: "b",
      title: "a",
      id: testCuid(),
    });
    expect(Object.keys(message.payload)).toEqual(
      Object.keys(eventCatalog["new-announcement"].data),
    );
    expect(prepareEvent(message).ok).toBe(true);
  });

  it("throw for a non-cuid id (publishing never sees the message)", () => {
    expect(() => realtimeMessages.newScore("42", { ...score, maxScore: 10 })).toThrow(
      /expected a cuid/,
    );
  });
});
