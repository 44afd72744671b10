import type { UserIdentity } from "@/lib/domain";
import { describe, expect, it, vi } from "vitest";
import { authorizeChannel, presenceDataFor, type ChannelAccessDeps } from "./authorize";
import { channels } from "./channels";
import { testCuid } from "../../../tests/helpers/ids";

// A small world: one course taught by `teacher`, `enrolled` ACTIVE, `cancelled` not active.
function world() {
  const admin: UserIdentity = { id: testCuid(), role: "ADMIN", name: "Admin" };
  const teacher: UserIdentity = { id: testCuid(), role: "TEACHER", name: "Teacher" };
  const otherTeacher: UserIdentity = { id: testCuid(), role: "TEACHER", name: "Other teacher" };
  const enrolled: UserIdentity = { id: testCuid(), role: "STUDENT", name: "Enrolled" };
  const outsider: UserIdentity = { id: testCuid(), role: "STUDENT", name: "Outsider" };
  const courseId = testCuid();
  const unknownCourseId = testCuid();
  const deps: ChannelAccessDeps = {
    getCourse: vi.fn(async (id: string) =>
      id === courseId ? { id, teacherId: teacher.id } : null,
    ),
    hasActiveEnrollment: vi.fn(
      async (cid: string, sid: string) => cid === courseId && sid === enrolled.id,
    ),
  };
  return { admin, teacher, otherTeacher, enrolled, outsider, courseId, unknownCourseId, deps };
}

type Who = "anonymous" | "admin" | "teacher" | "otherTeacher" | "enrolled" | "outsider";
const WHO: Who[] = ["anonymous", "admin", "teacher", "otherTeacher", "enrolled", "outsider"];

describe("authorizeChannel: the decision matrix of docs/realtime.md", () => {
  const w = world();
  const users: Record<Who, UserIdentity | null> = {
    anonymous: null,
    admin: w.admin,
    teacher: w.teacher,
    otherTeacher: w.otherTeacher,
    enrolled: w.enrolled,
    outsider: w.outsider,
  };

  // channel → who is allowed (everyone else gets 403)
  const matrix: [string, string, Who[]][] = [
    ["own private-user (admin)", channels.user(w.admin.id), ["admin"]],
    ["own private-user (teacher)", channels.user(w.teacher.id), ["teacher"]],
    ["own private-user (student)", channels.user(w.enrolled.id), ["enrolled"]],
    ["student dashboard", channels.studentDashboard(w.enrolled.id), ["enrolled"]],
    ["student dashboard of a teacher id", channels.studentDashboard(w.teacher.id), []],
    ["teacher dashboard", channels.teacherDashboard(w.teacher.id), ["teacher"]],
    ["teacher dashboard of a student id", channels.teacherDashboard(w.enrolled.id), []],
    ["admin dashboard", channels.adminDashboard(), ["admin"]],
    ["course", channels.course(w.courseId), ["admin", "teacher", "enrolled"]],
    ["course enrollments", channels.courseEnrollments(w.courseId), ["admin", "teacher"]],
    ["presence course", channels.presenceCourse(w.courseId), ["admin", "teacher", "enrolled"]],
    ["unknown course", channels.course(w.unknownCourseId), []],
    ["unknown course enrollments", channels.courseEnrollments(w.unknownCourseId), []],
    ["unknown presence course", channels.presenceCourse(w.unknownCourseId), []],
    ["public announcements (never authorized)", channels.publicAnnouncements(), []],
    ["malformed id", "private-user-1x", []],
    ["trailing junk", `${channels.user(w.enrolled.id)};x`, []],
    ["unknown family", `private-grades-${w.courseId}`, []],
    ["encrypted channel", `private-encrypted-user-${w.enrolled.id}`, []],
    ["empty", "", []],
  ];

  for (const [label, channel, allowed] of matrix) {
    for (const who of WHO) {
      const expected = allowed.includes(who);
      it(`${label}: ${who} → ${expected ? "allow" : "403"}`, async () => {
        const result = await authorizeChannel(users[who], channel, w.deps);
        expect(result.allow).toBe(expected);
        if (!result.allow) expect(result.status).toBe(403);
      });
    }
  }
});

describe("authorizeChannel details", () => {
  it("gives presence channel_data from the session user only", async () => {
    const w = world();
    for (const user of [w.admin, w.teacher, w.enrolled]) {
      const result = await authorizeChannel(user, channels.presenceCourse(w.courseId), w.deps);
      expect(result).toEqual({
        allow: true,
        channel: { family: "presence-course", id: w.courseId },
        presence: { user_id: user.id, user_info: { name: user.name, role: user.role } },
      });
    }
    expect(presenceDataFor(w.enrolled)).toEqual({
      user_id: w.enrolled.id,
      user_info: { name: "Enrolled", role: "STUDENT" },
    });
  });

  it("gives no presence data for private channels", async () => {
    const w = world();
    const result = await authorizeChannel(w.enrolled, channels.course(w.courseId), w.deps);
    expect(result).toEqual({ allow: true, channel: { family: "course", id: w.courseId } });
  });

  it("names the reason", async () => {
    const w = world();
    const reason = async (user: UserIdentity | null, channel: string) => {
      const result = await authorizeChannel(user, channel, w.deps);
      return result.allow ? "allow" : result.reason;
    };
    expect(await reason(null, channels.user(w.enrolled.id))).toBe("unauthenticated");
    expect(await reason(w.enrolled, "nope")).toBe("unknown-channel");
    expect(await reason(w.enrolled, channels.publicAnnouncements())).toBe("public-channel");
    expect(await reason(w.enrolled, channels.user(w.outsider.id))).toBe("wrong-user");
    expect(await reason(w.teacher, channels.studentDashboard(w.teacher.id))).toBe("wrong-role");
    expect(await reason(w.admin, channels.course(w.unknownCourseId))).toBe("unknown-course");
    expect(await reason(w.outsider, channels.course(w.courseId))).toBe("not-course-member");
    expect(await reason(w.otherTeacher, channels.courseEnrollments(w.courseId))).toBe(
      "not-course-member",
    );
    expect(await reason(w.enrolled, channels.courseEnrollments(w.courseId))).toBe("wrong-role");
  });

  it("asks the database only for course channels, with the parsed id", async () => {
    const w = world();
    await authorizeChannel(w.enrolled, channels.user(w.enrolled.id), w.deps);
    await authorizeChannel(w.admin, channels.adminDashboard(), w.deps);
    expect(w.deps.getCourse).not.toHaveBeenCalled();
    await authorizeChannel(w.enrolled, channels.presenceCourse(w.courseId), w.deps);
    expect(w.deps.getCourse).toHaveBeenCalledWith(w.courseId);
    expect(w.deps.hasActiveEnrollment).toHaveBeenCalledWith(w.courseId, w.enrolled.id);
  });

  it("denies (never throws) when a lookup fails", async () => {
    const w = world();
    const failing: ChannelAccessDeps = {
      getCourse: async () => {
        throw new Error("db down");
      },
      hasActiveEnrollment: async () => true,
    };
    await expect(authorizeChannel(w.admin, channels.course(w.courseId), failing)).resolves.toEqual({
      allow: false,
      status: 403,
      reason: "lookup-failed",
    });
    const failingEnrollment: ChannelAccessDeps = {
      getCourse: w.deps.getCourse,
      hasActiveEnrollment: async () => {
        throw new Error("db down");
      },
    };
    await expect(
      authorizeChannel(w.enrolled, channels.course(w.courseId), failingEnrollment),
    ).resolves.toMatchObject({ allow: false, reason: "lookup-failed" });
  });

  it("refuses a role it does not know", async () => {
    const w = world();
    const odd = { id: w.enrolled.id, role: "GUEST", name: "x" } as unknown as UserIdentity;
    expect((await authorizeChannel(odd, channels.course(w.courseId), w.deps)).allow).toBe(false);
    expect((await authorizeChannel(odd, channels.adminDashboard(), w.deps)).allow).toBe(false);
  });
});
