import { describe, expect, it } from "vitest";
import {
  passwordChangeFormSchema,
  setupFormSchema,
  signInFormSchema,
  userEditSchema,
} from "./form-account";

const GOOD = "Violet-harbor-42-kite";
const TOKEN = "t".repeat(32);

const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("signInFormSchema", () => {
  it("reads the fields as the Credentials provider does", () => {
    expect(signInFormSchema.parse({ email: " Ann@School.EDU ", password: "x" })).toEqual({
      email: "ann@school.edu",
      password: "x",
    });
  });

  it("says in plain words what is missing or wrong, by the field", () => {
    expect(messages(signInFormSchema.safeParse({ email: "", password: "" }))).toEqual([
      "email: Enter your e-mail address.",
      "password: Enter your password.",
    ]);
    expect(messages(signInFormSchema.safeParse({ email: "ann", password: "x" }))).toEqual([
      "email: Enter an e-mail address, like name@school.edu.",
    ]);
  });
});

describe("passwordChangeFormSchema", () => {
  it("sends the current and the new password only", () => {
    expect(
      passwordChangeFormSchema.parse({
        currentPassword: "old",
        newPassword: GOOD,
        confirmPassword: GOOD,
      }),
    ).toEqual({ currentPassword: "old", newPassword: GOOD });
  });

  it("refuses a differing repetition and a password against the policy, by the field", () => {
    const differ = passwordChangeFormSchema.safeParse({
      currentPassword: "old",
      newPassword: GOOD,
      confirmPassword: `${GOOD}!`,
    });
    expect(messages(differ)).toEqual(["confirmPassword: The two passwords differ."]);
    const weak = passwordChangeFormSchema.safeParse({
      currentPassword: "old",
      newPassword: "short",
      confirmPassword: "short",
    });
    expect(messages(weak)).toEqual([expect.stringMatching(/^newPassword: .*at least 12/)]);
  });
});

describe("setupFormSchema", () => {
  it("sends the link's token with the password", () => {
    expect(setupFormSchema(TOKEN).parse({ password: GOOD, confirmPassword: GOOD })).toEqual({
      token: TOKEN,
      password: GOOD,
    });
  });

  it("asks for a password first", () => {
    const empty = setupFormSchema(TOKEN).safeParse({ password: "", confirmPassword: "" });
    expect(messages(empty)).toContain("password: Enter a new password.");
  });
});

describe("userEditSchema", () => {
  const schema = userEditSchema({ name: "Ann Lee", role: "STUDENT" });

  it("sends only what changed", () => {
    expect(schema.parse({ name: " Ann Lee ", role: "TEACHER" })).toEqual({ role: "TEACHER" });
    expect(schema.parse({ name: "Ann B. Lee", role: "STUDENT" })).toEqual({ name: "Ann B. Lee" });
  });

  it("asks for a name", () => {
    expect(messages(schema.safeParse({ name: "  ", role: "STUDENT" }))).toEqual([
      "name: Enter a name.",
    ]);
  });
});
