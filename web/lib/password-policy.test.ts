import { describe, expect, it } from "vitest";
import {
  checkPassword,
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULES,
} from "./password-policy";

describe("checkPassword", () => {
  it("states its rules with the numbers it checks", () => {
    expect(PASSWORD_RULES.join(" ")).toContain(String(PASSWORD_MIN_LENGTH));
    expect(PASSWORD_RULES.join(" ")).toContain(String(PASSWORD_MAX_BYTES));
  });

  it("accepts a long, uncommon password", () => {
    expect(checkPassword("violet-harbour-42-lantern")).toEqual({ ok: true });
  });

  it("refuses anything shorter than the minimum, counting characters, not bytes", () => {
    expect(checkPassword("a".repeat(PASSWORD_MIN_LENGTH - 1))).toMatchObject({
      ok: false,
      problem: "too-short",
    });
    // 11 characters of 2 bytes each: still too short.
    expect(checkPassword("é".repeat(PASSWORD_MIN_LENGTH - 1))).toMatchObject({
      problem: "too-short",
    });
    expect(checkPassword("é".repeat(PASSWORD_MIN_LENGTH)).ok).toBe(true);
  });

  it("refuses a password bcrypt would truncate", () => {
    expect(checkPassword("x".repeat(PASSWORD_MAX_BYTES)).ok).toBe(true);
    expect(checkPassword("x".repeat(PASSWORD_MAX_BYTES + 1))).toMatchObject({
      problem: "too-long",
    });
  });

  it.each(["qwerty123456", "QWERTY123456", "1q2w3e4r5t6y", "  qazwsxedcrfv  "])(
    "refuses the common password %j whatever its case",
    (password) => {
      expect(checkPassword(password)).toMatchObject({ ok: false, problem: "common" });
    },
  );
});
