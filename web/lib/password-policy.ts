// The password policy, shared by the server (request validation) and the browser (shown and
// checked before submitting). Browser-safe; relative imports only.
import { COMMON_LONG_PASSWORDS } from "./common-passwords";

/** At least this many characters (Unicode code points). */
export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads only the first 72 bytes: a longer password would not be fully checked. */
export const PASSWORD_MAX_BYTES = 72;

/** The rules as the forms show them, before anything is submitted (English). */
export const PASSWORD_RULES = [
  `At least ${PASSWORD_MIN_LENGTH} characters`,
  `At most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters without accents)`,
  "Not one of the most common passwords",
] as const;

/**
 * The same rules as text keys of the page's language (`validation.password.rules.<key>`) and
 * their placeholders, in the order of PASSWORD_RULES.
 */
export const PASSWORD_RULE_KEYS = [
  { key: "minLength", values: { min: PASSWORD_MIN_LENGTH } },
  { key: "maxBytes", values: { max: PASSWORD_MAX_BYTES } },
  { key: "notCommon", values: {} },
] as const;

export type PasswordProblem = "too-short" | "too-long" | "common";

/** A refusal in the page's language: `validation.password.verdict.<key>` with `values`. */
type PasswordVerdict =
  | { key: "tooShort"; values: { min: number } }
  | { key: "tooLong"; values: { max: number } }
  | { key: "common"; values: Record<string, never> };

const common = new Set(COMMON_LONG_PASSWORDS);

/**
 * Checks a new password against the policy. `message` is the API's English rule (the server
 * sends it as `password: <message>`); `verdict` is the same refusal as a text key for the page.
 */
export function checkPassword(
  password: string,
):
  | { ok: true }
  | { ok: false; problem: PasswordProblem; message: string; verdict: PasswordVerdict } {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return {
      ok: false,
      problem: "too-short",
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
      verdict: { key: "tooShort", values: { min: PASSWORD_MIN_LENGTH } },
    };
  if (new TextEncoder().encode(password).byteLength > PASSWORD_MAX_BYTES)
    return {
      ok: false,
      problem: "too-long",
      message: `must be at most ${PASSWORD_MAX_BYTES} bytes`,
      verdict: { key: "tooLong", values: { max: PASSWORD_MAX_BYTES } },
    };
  if (common.has(password.toLowerCase()) || common.has(password.trim().toLowerCase()))
    return {
      ok: false,
      problem: "common",
      message: "is one of the most common passwords: choose another",
      verdict: { key: "common", values: {} },
    };
  return { ok: true };
}
