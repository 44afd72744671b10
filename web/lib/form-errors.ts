// The server's errors shown where they belong: a message that names a field ("amountCents:
// must be at most $330.00") goes next to that field of the form, in plain words.
import { ApiError } from "./fetch-json";

/** "must be more than $0.00" → "Must be more than $0.00." */
export function sentence(rule: string): string {
  const text = rule.trim();
  if (!text) return text;
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The field messages of an API error: `field: rule` parts of its message ("; "-separated), or
 * its `field` when the server gives one apart. Empty when it names no field.
 */
export function apiFieldErrors(error: ApiError): { field: string; message: string }[] {
  if (error.field) {
    const rule = error.message.startsWith(`${error.field}:`)
      ? error.message.slice(error.field.length + 1)
      : error.message;
    return [{ field: error.field, message: sentence(rule) }];
  }
  return fieldRules(error.message).map(({ field, rule }) => ({ field, message: sentence(rule) }));
}

/** The `field: rule` parts of a server message ("; "-separated); the others are left out. */
export function fieldRules(message: string): { field: string; rule: string }[] {
  return message.split("; ").flatMap((part) => {
    const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(part);
    return match ? [{ field: match[1]!, rule: match[2]! }] : [];
  });
}

/**
 * What to tell a person about an error that belongs to no field, in English. Pages show it in
 * their language through useErrorText() (./validation-messages), which says the same in English.
 */
export function generalMessage(error: unknown): string {
  if (!(error instanceof ApiError))
    return "Something went wrong. Check your connection and try again.";
  if (error.status === 401) return "Your session has ended. Sign in again.";
  if (error.status === 403) return "You may not do this.";
  if (error.status >= 500) return "Something went wrong on our side. Try again in a moment.";
  return sentence(error.message);
}
