// Validation and API error texts in the page's language, translated where they are shown.
// The schemas (./validation, ./form-validation …) and the API keep writing English, the API's
// language (programs read `code`; the server's messages stay as they are): a field's rule text
// is recognised by the pattern table below and said again in the page's language; a general
// error is said by its API `code`. English text passes through unchanged.
import { useCallback } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { Locale } from "@/i18n/locales";
import type { Messages } from "@/messages";
import { ApiError } from "./fetch-json";
import { fieldRules, sentence } from "./form-errors";
import { formatsFor, parseDollars } from "./format";

/** The language the schemas and the API write their messages in. */
export const API_LANGUAGE: Locale = "en";

type Values = Record<string, string | number>;
type RuleKey = keyof Messages["validation"]["rules"];
type CodeKey = keyof Messages["errors"]["codes"];
type MessageKey = keyof Messages["errors"]["messages"];

/** `t` of the `validation` namespace (useTranslations, getTranslations or createTranslator). */
export type RulesT = (key: `rules.${RuleKey}`, values?: Values) => string;
/** `t` of the `errors` namespace. */
export type ErrorsT = (
  key: "network" | "server" | `codes.${CodeKey}` | `messages.${MessageKey}`,
  values?: Values,
) => string;

// An English text with placeholders: `{name}` is any text (a course's title), `{name:number}`
// a number as English writes it ("100,000", "7.5"), `{name:money}` an amount ("$330.00").
// Numbers and amounts are written again as the page's language writes them.
type Slot = { name: string; kind: "text" | "number" | "money" };
type Pattern<K extends string> = { key: K; regex: RegExp; slots: Slot[] };

const SLOT_SOURCE = {
  text: "(.+?)",
  number: "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)",
  money: "(\\$\\d{1,3}(?:,\\d{3})*(?:\\.\\d{2})?)",
} as const;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "must be at most {max:number} characters" → a regex (either case first, optional "."). */
function compile<K extends string>(key: K, pattern: string): Pattern<K> {
  const slots: Slot[] = [];
  let source = "";
  let from = 0;
  for (const match of pattern.matchAll(/\{(\w+)(?::(number|money))?\}/g)) {
    const kind = (match[2] as Slot["kind"] | undefined) ?? "text";
    source += escapeRegex(pattern.slice(from, match.index)) + SLOT_SOURCE[kind];
    slots.push({ name: match[1]!, kind });
    from = match.index + match[0].length;
  }
  source += escapeRegex(pattern.slice(from));
  source = source.replace(/^[a-z]/i, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
  return { key, regex: new RegExp(`^${source}\\.?$`, "s"), slots };
}

const table = <K extends string>(entries: readonly (readonly [string, K])[]) =>
  entries.map(([pattern, key]) => compile(key, pattern));

/**
 * The rule texts a field can show: the forms' own (./form-validation, ./form-account, the
 * amounts of ./format) and the request schemas' and services' rules the server sends as
 * `field: rule`. First match wins: the more particular patterns come first.
 */
export const RULE_PATTERNS = table<RuleKey>([
  // What people type (forms and amounts).
  ["must not be negative", "notNegative"],
  ["enter a number, like 8 or 7.5", "enterNumber"],
  ["must be at most {max:number} characters", "maxCharacters"],
  ["must be at least {min:number} characters", "minCharacters"],
  ["must be at most {max:number} bytes", "maxBytes"],
  ["must be at most {max:money}, the amount due for {course}", "atMostDue"],
  ["must be at most {max:money}", "atMostAmount"],
  ["must be at most {max:number}", "atMost"],
  ["must be more than {min:money}", "moreThanAmount"],
  ["must be more than {min:number}", "moreThan"],
  ["must be greater than {min:number}", "greaterThan"],
  ["must not be more than the maximum score", "notAboveMaxScore"],
  ["must not be more than the maximum, {max:number}", "notAboveMax"],
  ["choose a course", "chooseCourse"],
  ["choose a teacher", "chooseTeacher"],
  ["nothing is due for this course", "nothingDue"],
  ["nothing is due for {course}", "nothingDueFor"],
  ["that is more than the {due:money} due for this course", "moreThanDue"],
  ["enter the score", "enterScore"],
  ["enter the maximum score", "enterMaxScore"],
  ["not a score", "notAScore"],
  ["enter a title", "enterTitle"],
  ["enter a name", "enterName"],
  ["enter an amount, like 49.90", "enterAmount"],
  ["enter an amount above {min:money}", "amountAbove"],
  ["use a dot for cents, like 10.50", "useDot"],
  ["use a comma for cents, like 10,50", "useComma"],
  ["enter dollars and cents with digits only, like 49.90", "digitsOnly"],
  ["that amount is too large", "amountTooLarge"],
  // The account forms.
  ["enter your e-mail address", "enterEmail"],
  ["enter an e-mail address, like name@school.edu", "emailExample"],
  ["enter your password", "enterPassword"],
  ["enter a new password", "enterNewPassword"],
  ["enter your current password", "enterCurrentPassword"],
  ["the two passwords differ", "passwordsDiffer"],
  // The request schemas' rules.
  ["is required", "required"],
  ["must not be empty", "notEmpty"],
  ["must be a valid id", "validId"],
  ["must not contain NUL characters", "noNul"],
  ["must be a date as YYYY-MM-DD", "dateFormat"],
  ["must be a number of cents", "centsNumber"],
  ["must be a whole number of cents", "wholeCents"],
  ["must be a number", "number"],
  ["must be text", "text"],
  ["must be an e-mail address", "email"],
  ["is one of the most common passwords: choose another", "commonPassword"],
  ["must be the token of a setup link", "setupToken"],
  [
    "is too long: title and message together must be at most {max:number} bytes",
    "announcementTooLong",
  ],
  ["must be a whole number from {min:number} to {max:number}", "wholeNumberRange"],
  // What the services say of a field.
  ["you are not enrolled in {course}, so there is nothing to pay for it", "notEnrolled"],
  ["the current password is wrong", "wrongPassword"],
  ["an account with this e-mail already exists", "emailTaken"],
  ["must be the id of an active TEACHER", "activeTeacher"],
  ["this student is not actively enrolled in the course", "studentNotEnrolled"],
  // Lists of allowed values ("must be STUDENT, TEACHER or ADMIN"): last, they match widely.
  ["must be {choices} or {last}", "oneOf"],
  ["give {choices} or {last}", "giveOneOf"],
]);

/** The services' messages that belong to no field (a general error's `message`). */
export const MESSAGE_PATTERNS = table<MessageKey>([
  ["Payment is already {status}, not PENDING", "paymentDecided"],
  ["Already enrolled in this course", "alreadyEnrolled"],
  ["This enrollment is already cancelled", "enrollmentCancelled"],
  ["This course is archived", "courseArchived"],
  [
    "This is the last active admin: make another user an admin before demoting or deactivating it",
    "lastAdmin",
  ],
  ["An e-mail of the file got an account meanwhile: import again", "importRace"],
  ["This setup link has been used, has expired or does not exist", "setupLinkGone"],
  ["{what} not found", "notFound"],
]);

/** The API's error codes (server/errors.ts and the services' own) and their text keys. */
const CODE_KEYS: Record<string, CodeKey> = {
  bad_request: "badRequest",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  forbidden_origin: "forbiddenOrigin",
  not_found: "notFound",
  conflict: "conflict",
  payload_too_large: "payloadTooLarge",
  validation_failed: "validationFailed",
  unsupported_media_type: "unsupportedMediaType",
  rate_limited: "rateLimited",
  not_enrolled: "notEnrolled",
  amount_exceeds_due: "amountExceedsDue",
  bad_csv: "badCsv",
  gone: "gone",
  http_error: "httpError",
  internal_error: "internalError",
  unavailable: "unavailable",
  realtime_unavailable: "realtimeUnavailable",
};
const FORBIDDEN_CODES: ReadonlySet<CodeKey> = new Set(["forbidden", "forbiddenOrigin"]);
const SERVER_CODES: ReadonlySet<CodeKey> = new Set([
  "internalError",
  "unavailable",
  "realtimeUnavailable",
]);

/** The text key of an API error code, if the app knows the code. */
export function codeKey(code: string): CodeKey | undefined {
  return Object.hasOwn(CODE_KEYS, code) ? CODE_KEYS[code] : undefined;
}

/** The first pattern `text` matches, with its placeholders as the English text has them. */
export function matchPattern<K extends string>(
  patterns: readonly Pattern<K>[],
  text: string,
): { key: K; raw: Record<string, string>; slots: Slot[] } | null {
  const typed = text.trim();
  for (const { key, regex, slots } of patterns) {
    const match = regex.exec(typed);
    if (match)
      return { key, slots, raw: Object.fromEntries(slots.map((s, i) => [s.name, match[i + 1]!])) };
  }
  return null;
}

/** The placeholders of a match, numbers and amounts written as `locale` writes them. */
function localValues(
  found: { raw: Record<string, string>; slots: Slot[] },
  locale: Locale,
): Values {
  const f = formatsFor(locale);
  return Object.fromEntries(
    found.slots.map(({ name, kind }) => {
      const raw = found.raw[name]!;
      if (kind === "number") return [name, f.number(Number(raw.replaceAll(",", "")))];
      if (kind === "money") {
        const read = parseDollars(raw);
        return [name, "cents" in read ? f.money(read.cents) : raw];
      }
      return [name, raw];
    }),
  );
}

/** A rule text in `locale`, or null when the table does not know it. */
export function translateRule(rule: string, locale: Locale, t: RulesT): string | null {
  const found = matchPattern(RULE_PATTERNS, rule);
  return found && t(`rules.${found.key}`, localValues(found, locale));
}

/**
 * A field's rule text ("must be at most 200 characters", "Choose a course.") in `locale`; an
 * English text, or one the table does not know, is returned as it is.
 */
export function ruleText(rule: string, locale: Locale, t: RulesT): string {
  if (locale === API_LANGUAGE) return rule;
  return translateRule(rule, locale, t) ?? rule;
}

/** A general message of the server in `locale`, or null when it is not one the app knows. */
function translateMessage(message: string, locale: Locale, tErrors: ErrorsT, tRules: RulesT) {
  const found = matchPattern(MESSAGE_PATTERNS, message);
  if (found) return tErrors(`messages.${found.key}`, localValues(found, locale));
  // "studentId: this student is not …": the rules, without the field names people never see.
  const parts = fieldRules(message);
  if (parts.length === 0 || parts.length !== message.split("; ").length) return null;
  const rules = parts.map(({ rule }) => translateRule(rule, locale, tRules));
  return rules.every((rule) => rule !== null) ? rules.map((r) => sentence(r!)).join(" ") : null;
}

/**
 * What to tell a person, in `locale`, about an error that belongs to no field: the same as
 * generalMessage (./form-errors) in English; in another language the server's message when the
 * app knows it, else its `code`'s text, else (a code the app does not know) the English message.
 */
export function errorText(
  error: unknown,
  locale: Locale,
  tErrors: ErrorsT,
  tRules: RulesT,
): string {
  if (!(error instanceof ApiError)) return tErrors("network");
  const key = codeKey(error.code);
  if (error.status === 401) return tErrors("codes.unauthorized");
  if (error.status === 403)
    return tErrors(`codes.${key && FORBIDDEN_CODES.has(key) ? key : "forbidden"}`);
  if (error.status >= 500)
    return key && SERVER_CODES.has(key) ? tErrors(`codes.${key}`) : tErrors("server");
  // The message is already in the page's language.
  if (locale === API_LANGUAGE) return sentence(error.message);
  const known = translateMessage(error.message, locale, tErrors, tRules);
  if (known) return sentence(known);
  return key ? tErrors(`codes.${key}`) : sentence(error.message);
}

/** A field's rule text (a zod message, the server's `field: rule` part) in the page's language. */
export function useRuleText(): (rule: string) => string {
  const locale = useLocale();
  const t = useTranslations("validation");
  return useCallback((rule: string) => ruleText(rule, locale, t), [locale, t]);
}

/** What to tell a person about an error that belongs to no field, in the page's language. */
export function useErrorText(): (error: unknown) => string {
  const locale = useLocale();
  const tErrors = useTranslations("errors");
  const tRules = useTranslations("validation");
  return useCallback(
    (error: unknown) => errorText(error, locale, tErrors, tRules),
    [locale, tErrors, tRules],
  );
}
