// The inbox and the bell as the server renders them, in English and German: keyed notifications
// in the reader's language, older rows with their stored text.
import { renderToString } from "react-dom/server";
import { SWRConfig } from "swr";
import { describe, expect, it } from "vitest";
import type { Locale } from "@/i18n/locales";
import { NotificationBell } from "@/components/realtime/notification-bell";
import type { NotificationList } from "@/hooks/data/use-notification-list";
import { IntlWrapper } from "../../../tests/helpers/intl";
import { NotificationInbox } from "./notification-inbox";

const item = {
  type: "success" as const,
  link: "/student#payments",
  read: false,
  readAt: null,
  createdAt: "2026-12-01T14:05:00.000Z",
};
const initial: NotificationList = {
  items: [
    {
      ...item,
      id: "c000000000000000000000001",
      title: "Payment approved",
      message: "Your payment of $42.00 for Algebra I has been approved.",
      key: "paymentApproved",
      params: { amountCents: 4200, courseTitle: "Algebra I" },
    },
    {
      ...item,
      id: "c000000000000000000000002",
      title: "Welcome",
      message: "Glad you are here.",
      type: "info",
      link: null,
      key: null,
      params: null,
    },
  ],
  nextCursor: null,
  unreadCount: 2,
};

const html = (locale: Locale) =>
  renderToString(
    <IntlWrapper locale={locale}>
      <SWRConfig value={{ fallback: { "/api/notifications": initial } }}>
        <NotificationBell />
        <NotificationInbox initial={initial} />
      </SWRConfig>
    </IntlWrapper>,
  );

describe("NotificationInbox and NotificationBell", () => {
  it("look as before in English", () => {
    const page = html("en");
    for (const text of [
      "2 unread",
      "Mark all read",
      "Mark read",
      "Payment approved",
      "Your payment of $42.00 for Algebra I has been approved.",
      "1 Dec 2026, 14:05",
      "Open",
      'aria-label="Notifications: 2 unread"',
      "Welcome",
      "Glad you are here.",
    ])
      expect(page).toContain(text);
  });

  it("speak German to a German reader; a row without a key keeps its text", () => {
    const page = html("de");
    for (const text of [
      "2 ungelesen",
      "Alle als gelesen markieren",
      "Als gelesen markieren",
      "Zahlung genehmigt",
      "Ihre Zahlung von 42,00\u00a0$ für Algebra I wurde genehmigt.",
      "01.12.2026, 14:05",
      "Öffnen",
      'aria-label="Benachrichtigungen: 2 ungelesen"',
      "Welcome",
      "Glad you are here.",
    ])
      expect(page).toContain(text);
    for (const english of ["Payment approved", "Mark read", "unread"])
      expect(page).not.toContain(english);
  });

  it("says when there is nothing", () => {
    const empty = { items: [], nextCursor: null, unreadCount: 0 };
    const page = (locale: Locale) =>
      renderToString(
        <IntlWrapper locale={locale}>
          <NotificationInbox initial={empty} />
        </IntlWrapper>,
      );
    expect(page("en")).toContain("Nothing here yet.");
    expect(page("de")).toContain("Hier ist noch nichts.");
  });
});
