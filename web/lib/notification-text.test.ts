import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/messages";
import type { Locale } from "@/i18n/locales";
import { formatsFor } from "./format";
import { isNotificationKey, notificationText, type StoredNotification } from "./notification-text";

const render = (notification: StoredNotification, locale: Locale) =>
  notificationText(
    notification,
    createTranslator({ locale, messages: MESSAGES[locale], namespace: "notifications" }),
    formatsFor(locale),
  );

// What web/server/services/payments.ts writes today for a $42.00 approval.
const approved: StoredNotification = {
  key: "paymentApproved",
  params: { amountCents: 4200, courseTitle: "Algebra I" },
  title: "Payment approved",
  message: "Your payment of $42.00 for Algebra I has been approved.",
};

describe("notificationText", () => {
  it("renders a known key in English exactly as the server wrote it", () => {
    expect(render(approved, "en")).toEqual({
      title: "Payment approved",
      message: "Your payment of $42.00 for Algebra I has been approved.",
    });
  });

  it("renders a known key in German, with German money", () => {
    expect(render(approved, "de")).toEqual({
      title: "Zahlung genehmigt",
      message: "Ihre Zahlung von 42,00\u00a0$ für Algebra I wurde genehmigt.",
    });
  });

  it.each<[StoredNotification, { title: string; message: string }]>([
    [
      {
        key: "paymentRejected",
        params: { amountCents: 1300, courseTitle: "Art", reason: null },
        title: "Payment rejected",
        message: "Your payment of $13.00 for Art was rejected.",
      },
      {
        title: "Zahlung abgelehnt",
        message: "Ihre Zahlung von 13,00\u00a0$ für Art wurde abgelehnt.",
      },
    ],
    [
      {
        key: "paymentRejectedWithReason",
        params: { amountCents: 123_456, courseTitle: "Art", reason: "Blurry receipt" },
        title: "Payment rejected",
        message: "Your payment of $1,234.56 for Art was rejected: Blurry receipt",
      },
      {
        title: "Zahlung abgelehnt",
        message: "Ihre Zahlung von 1.234,56\u00a0$ für Art wurde abgelehnt: Blurry receipt",
      },
    ],
    [
      {
        key: "newScore",
        params: { title: "Essay", courseTitle: "Art", score: 8.5, maxScore: 10 },
        title: "New score",
        message: "Essay in Art: 8.50/10",
      },
      { title: "Neue Bewertung", message: "Essay in Art: 8,50/10" },
    ],
    [
      {
        key: "newScore",
        params: { title: "Final", courseTitle: "Art", score: 12_000, maxScore: 100_000 },
        title: "New score",
        message: "Final in Art: 12000/100000",
      },
      { title: "Neue Bewertung", message: "Final in Art: 12000/100000" },
    ],
    [
      {
        key: "newEnrollment",
        params: { studentName: "Ada Lovelace", courseTitle: "Art" },
        title: "New enrollment",
        message: "Ada Lovelace enrolled in Art.",
      },
      { title: "Neue Einschreibung", message: "Ada Lovelace hat sich in Art eingeschrieben." },
    ],
    [
      {
        key: "enrollmentCancelled",
        params: { courseTitle: "Art" },
        title: "Enrollment cancelled",
        message: "Your enrollment in Art was cancelled.",
      },
      {
        title: "Einschreibung aufgehoben",
        message: "Ihre Einschreibung in Art wurde aufgehoben.",
      },
    ],
    [
      {
        key: "enrollmentCancelledByStudent",
        params: { studentName: "Ada", courseTitle: "Art" },
        title: "Enrollment cancelled",
        message: "Ada cancelled their enrollment in Art.",
      },
      {
        title: "Einschreibung aufgehoben",
        message: "Ada hat die Einschreibung in Art aufgehoben.",
      },
    ],
  ])("renders %j as stored in English and translated in German", (notification, german) => {
    const { title, message } = notification;
    expect(render(notification, "en")).toEqual({ title, message });
    expect(render(notification, "de")).toEqual(german);
  });

  it("does not read placeholders out of stored values", () => {
    const notification = {
      ...approved,
      params: { amountCents: 500, courseTitle: "{amount} <b>Maths</b> 'quoted'" },
    };
    expect(render(notification, "en").message).toBe(
      "Your payment of $5.00 for {amount} <b>Maths</b> 'quoted' has been approved.",
    );
  });

  it("keeps the stored text of a row without a key", () => {
    const old = { title: "Welcome", message: "Hello there.", key: null, params: null };
    expect(render(old, "de")).toEqual({ title: "Welcome", message: "Hello there." });
    expect(render({ title: "Welcome", message: "Hello there." }, "de")).toEqual({
      title: "Welcome",
      message: "Hello there.",
    });
  });

  it("keeps the stored text of an unknown key", () => {
    for (const key of ["somethingNew", "events", "paymentApproved.title", "toString", ""]) {
      expect(isNotificationKey(key)).toBe(false);
      expect(render({ ...approved, key }, "de")).toEqual({
        title: approved.title,
        message: approved.message,
      });
    }
  });

  it("keeps the stored text when parameters are missing or of the wrong kind", () => {
    const stored = { title: approved.title, message: approved.message };
    for (const params of [
      undefined,
      null,
      "4200",
      [4200, "Algebra I"],
      {},
      { courseTitle: "Algebra I" },
      { amountCents: "4200", courseTitle: "Algebra I" },
      { amountCents: 42.5, courseTitle: "Algebra I" },
      { amountCents: 4200, courseTitle: null },
    ]) {
      expect(render({ ...approved, params }, "de"), JSON.stringify(params)).toEqual(stored);
    }
    expect(
      render(
        {
          key: "newScore",
          params: { title: "Essay", courseTitle: "Art", score: Number.NaN, maxScore: 10 },
          title: "New score",
          message: "Essay in Art: NaN/10",
        },
        "de",
      ),
    ).toEqual({ title: "New score", message: "Essay in Art: NaN/10" });
  });
});
