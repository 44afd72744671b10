// The password policy, shared by the server (request validation) and the browser (shown and
// checked before submitting). Browser-safe; relative imports only.
import { COMMON_LONG_PASSWORDS } from "./common-passwords";

/** At least this many characters (Unicode code points). */
export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads only the first 72 bytes: a longer password would not be fully checked. */
export const PASSWORD_MAX_BYTES = 72;

/** The rules as the forms show them, before anything is submitted. */
export const PASSWORD_RULES = [
  `At least ${PASSWORD_MIN_LENGTH} characters`,
  `At most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters without accents)`,
  "Not one of the most common passwords",
] as const;

export type PasswordProblem = "too-short" | "too-long" | "common";

const common = new Set(COMMON_LONG_PASSWORDS);

/** Checks a new password against the policy; the message is ready to show next to the field. */
export function checkPassword(
  password: string,
): { ok: true } | { ok: false; problem: PasswordProblem; message: string } {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return {
      ok: false,
      problem: "too-short",
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
    };
  if (new TextEncoder().encode(password).byteLength > PASSWORD_MAX_BYTES)
    return {
      ok: false,
      problem: "too-long",
      message: `must be at most ${PASSWORD_MAX_BYTES} bytes`,
    };
  if (common.has(password.toLowerCase()) || common.has(password.trim().toLowerCase()))
    return {
      ok: false,
      problem: "common",
      message: "is one of the most common passwords: choose another",
    };
  return { ok: true };
}
