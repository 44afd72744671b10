// A notification in its reader's language. The server stores a message key and raw parameters
// beside the English title and message (docs/api.md, "Notifications"); the inbox, the toast and
// anything else that shows one renders it here from web/messages/*/notifications.json. A row
// without a key (written before there were keys, the demo seed) or with a key or parameters this
// code does not know keeps its stored text.
import type { createTranslator } from "next-intl";
import type { Formats } from "@/lib/format";
import type { Messages } from "@/messages";

/** The message keys, one per kind of notification the server writes. */
export type NotificationKey = keyof Messages["notifications"]["events"];

/** Raw values a notification's text is made from: amounts in cents, numbers as numbers. */
export type NotificationParams = Record<string, string | number | boolean | null>;

/** What a notification has to be shown (a stored row, a `new-notification` event). */
export type StoredNotification = {
  key?: string | null;
  params?: unknown;
  title: string;
  message: string;
};

/** `useTranslations("notifications")` / `await getTranslations("notifications")`. */
export type NotificationTranslator = ReturnType<typeof createTranslator<Messages, "notifications">>;

type Params = Record<string, unknown>;
/** One placeholder's text from the raw parameters, or undefined when it is missing or wrong. */
type Placeholder = (params: Params, f: Formats) => string | undefined;

const text =
  (name: string): Placeholder =>
  (params) => {
    const value = params[name];
    return typeof value === "string" ? value : undefined;
  };

const money =
  (name: string): Placeholder =>
  (params, f) => {
    const value = params[name];
    return typeof value === "number" && Number.isSafeInteger(value) ? f.money(value) : undefined;
  };

/**
 * Points as the server writes them ("14", "8.50": whole numbers bare, others with two decimals,
 * no grouping), with the reader's decimal separator.
 */
const points =
  (name: string): Placeholder =>
  (params, f) => {
    const value = params[name];
    if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
    const written = Number.isInteger(value) ? String(value) : value.toFixed(2);
    return written.replace(".", f.number(1.5).replace(/\d/g, ""));
  };

/** Each key's placeholders and the parameter each one is made from. */
const PLACEHOLDERS = {
  paymentApproved: { amount: money("amountCents"), courseTitle: text("courseTitle") },
  paymentRejected: { amount: money("amountCents"), courseTitle: text("courseTitle") },
  paymentRejectedWithReason: {
    amount: money("amountCents"),
    courseTitle: text("courseTitle"),
    reason: text("reason"),
  },
  newScore: {
    title: text("title"),
    courseTitle: text("courseTitle"),
    score: points("score"),
    maxScore: points("maxScore"),
  },
  newEnrollment: { studentName: text("studentName"), courseTitle: text("courseTitle") },
  enrollmentCancelled: { courseTitle: text("courseTitle") },
  enrollmentCancelledByStudent: {
    studentName: text("studentName"),
    courseTitle: text("courseTitle"),
  },
} satisfies { [K in NotificationKey]: Record<string, Placeholder> };

export function isNotificationKey(value: unknown): value is NotificationKey {
  return typeof value === "string" && Object.hasOwn(PLACEHOLDERS, value);
}

const isParams = (value: unknown): value is Params =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The notification's title and message in the language of `t` and `f` (`useFormat()`); its
 * stored (English) text when it has no key, an unknown one, or
 * parameters that lack or mistype a value its text needs.
 */
export function notificationText(
  notification: StoredNotification,
  t: NotificationTranslator,
  f: Formats,
): { title: string; message: string } {
  const stored = { title: notification.title, message: notification.message };
  const { key, params } = notification;
  if (!isNotificationKey(key) || !isParams(params)) return stored;
  const values: Record<string, string> = {};
  for (const [name, make] of Object.entries(PLACEHOLDERS[key] as Record<string, Placeholder>)) {
    const value = make(params, f);
    if (value === undefined) return stored;
    values[name] = value;
  }
  return {
    title: t(`events.${key}.title`),
    message: t(`events.${key}.message`, values),
  };
}
