import { describe, expect, it } from "vitest";
import {
  channelName,
  channels,
  CUID_RE,
  InvalidChannelIdError,
  isCuid,
  parseChannel,
} from "./channels";
import { testCuid } from "../../../tests/helpers/ids";

const id = testCuid();

describe("channel builders", () => {
  it("spell every family of docs/realtime.md", () => {
    expect(channels.user(id)).toBe(`private-user-${id}`);
    expect(channels.studentDashboard(id)).toBe(`private-student-dashboard-${id}`);
    expect(channels.teacherDashboard(id)).toBe(`private-teacher-dashboard-${id}`);
    expect(channels.adminDashboard()).toBe("private-admin-dashboard");
    expect(channels.course(id)).toBe(`private-course-${id}`);
    expect(channels.courseEnrollments(id)).toBe(`private-course-enrollments-${id}`);
    expect(channels.presenceCourse(id)).toBe(`presence-course-${id}`);
    expect(channels.publicAnnouncements()).toBe("public-announcements");
  });

  it.each(["", "1", "user-1", `${id}x`, id.toUpperCase(), `${id};x`, ` ${id}`, "c123"])(
    "refuse the id %j",
    (bad) => {
      expect(() => channels.user(bad)).toThrow(InvalidChannelIdError);
      expect(() => channels.course(bad)).toThrow(InvalidChannelIdError);
    },
  );
});

describe("parseChannel", () => {
  it("round-trips every family", () => {
    const names = [
      channels.user(id),
      channels.studentDashboard(id),
      channels.teacherDashboard(id),
      channels.adminDashboard(),
      channels.course(id),
      channels.courseEnrollments(id),
      channels.presenceCourse(id),
      channels.publicAnnouncements(),
    ];
    const families = names.map((name) => parseChannel(name)?.family);
    expect(families).toEqual([
      "user",
      "student-dashboard",
      "teacher-dashboard",
      "admin-dashboard",
      "course",
      "course-enrollments",
      "presence-course",
      "public-announcements",
    ]);
    for (const name of names) expect(channelName(parseChannel(name)!)).toBe(name);
  });

  it("returns the id", () => {
    expect(parseChannel(`private-course-enrollments-${id}`)).toEqual({
      family: "course-enrollments",
      id,
    });
    expect(parseChannel(`private-course-${id}`)).toEqual({ family: "course", id });
    expect(parseChannel("private-admin-dashboard")).toEqual({ family: "admin-dashboard" });
  });

  it.each([
    "private-user-1x",
    "private-user-1",
    `private-user-${id};x`,
    `private-user-${id} `,
    ` private-user-${id}`,
    `private-user-${id}\n`,
    `private-user-${id.toUpperCase()}`,
    `private-user-${id}${id}`,
    `private-user-c${"a".repeat(23)}`,
    `private-user-c${"a".repeat(25)}`,
    `private-user-x${"a".repeat(24)}`,
    `private-user-c${"a".repeat(23)}-`,
    `private-user-c${"a".repeat(23)}_`,
    `private-user-${id}`.padEnd(201, "a"),
    "a".repeat(250),
    `private-user-`,
    "private-user",
    "private-admin-dashboard-x",
    "private-admin-dashboard ",
    "Private-admin-dashboard",
    "public-announcements-2",
    "public-announcement",
    `private-encrypted-user-${id}`,
    `presence-user-${id}`,
    `private-course-enrollments-`,
    `private-course-enrollments-enrollments-${id}`,
    `presence-course-enrollments-${id}`,
    `private-teacher-${id}`,
    `private-student-dashboard-`,
    `#server-to-user-${id}`,
    `private-course-${id}/../x`,
    "",
  ])("rejects %j", (name) => {
    expect(parseChannel(name)).toBeNull();
  });

  it("rejects non-strings", () => {
    for (const value of [null, undefined, 1, {}, ["public-announcements"]]) {
      expect(parseChannel(value)).toBeNull();
    }
  });
});

describe("cuids", () => {
  it("match c + 24 lowercase alphanumerics only", () => {
    expect(isCuid(id)).toBe(true);
    expect(CUID_RE.test("cjld2cjxh0000qzrmn831i7rn")).toBe(true);
    expect(isCuid("cjld2cjxh0000qzrmn831i7r")).toBe(false);
    expect(isCuid("Cjld2cjxh0000qzrmn831i7rn")).toBe(false);
    expect(isCuid(42)).toBe(false);
  });
});
