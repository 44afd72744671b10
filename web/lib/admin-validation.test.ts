import { describe, expect, it } from "vitest";
import {
  adminUsersQuery,
  createCourseBody,
  createUserBody,
  passwordChangeBody,
  passwordSetupBody,
  updateCourseBody,
  updateUserBody,
  userImportQuery,
  userImportRow,
} from "./admin-validation";
import { testCuid } from "../../tests/helpers/ids";

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("administration request schemas", () => {
  it("normalises e-mails and refuses unknown roles and common passwords", () => {
    expect(
      createUserBody.parse({ email: "  Ada@Example.ORG ", name: " Ada ", role: "TEACHER" }),
    ).toEqual({ email: "ada@example.org", name: "Ada", role: "TEACHER" });
    const bad = createUserBody.safeParse({
      email: "nope",
      name: "",
      role: "JANITOR",
      password: "qwerty123456",
    });
    expect(issuesOf(bad).sort()).toEqual(["email", "name", "password", "role"]);
    expect(
      createUserBody.safeParse({ email: "a@b.co", name: "A", role: "ADMIN", x: 1 }).success,
    ).toBe(false);
  });

  it("needs at least one field in a patch", () => {
    expect(issuesOf(updateUserBody.safeParse({}))).toEqual(["name"]);
    expect(updateUserBody.parse({ active: false })).toEqual({ active: false });
    expect(issuesOf(updateUserBody.safeParse({ active: "no" }))).toEqual(["active"]);
    expect(issuesOf(updateCourseBody.safeParse({}))).toEqual(["title"]);
    expect(updateCourseBody.parse({ archived: true })).toEqual({ archived: true });
  });

  it("reads a CSV line's role case-insensitively", () => {
    expect(userImportRow.parse({ email: "B@x.io", name: "Bo", role: " student " })).toEqual({
      email: "b@x.io",
      name: "Bo",
      role: "STUDENT",
    });
    expect(
      issuesOf(userImportRow.safeParse({ email: "b@x.io", name: "Bo", role: "boss" })),
    ).toEqual(["role"]);
  });

  it("checks course bodies, queries, and the password routes", () => {
    expect(issuesOf(createCourseBody.safeParse({ title: "T", teacherId: "1" }))).toEqual([
      "teacherId",
    ]);
    expect(createCourseBody.parse({ title: " T ", teacherId: testCuid() }).title).toBe("T");
    expect(adminUsersQuery.parse({})).toEqual({ limit: 50 });
    expect(issuesOf(adminUsersQuery.safeParse({ role: "x", limit: "0" })).sort()).toEqual([
      "limit",
      "role",
    ]);
    expect(userImportQuery.parse({ dryRun: "true" })).toEqual({ dryRun: true });
    expect(userImportQuery.parse({})).toEqual({ dryRun: false });
    expect(
      issuesOf(passwordChangeBody.safeParse({ currentPassword: "", newPassword: "short" })),
    ).toEqual(["currentPassword", "newPassword"]);
    expect(
      issuesOf(passwordSetupBody.safeParse({ token: "../x", password: "a-long-passphrase" })),
    ).toEqual(["token"]);
  });
});
