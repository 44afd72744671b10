// The System page's texts in both languages; technical names stay as they are.
import { renderToStaticMarkup } from "react-dom/server";
import { SWRConfig } from "swr";
import { describe, expect, it } from "vitest";
import type { Locale } from "@/i18n/locales";
import type { SystemStatus } from "@/server/services/system";
import { IntlWrapper } from "../../../../tests/helpers/intl";
import { SystemScreen } from "./system-screen";

const status: SystemStatus = {
  checkedAt: "2026-12-01T14:05:00Z",
  health: {
    db: { ok: true, latencyMs: 3 },
    realtime: { ok: false, error: "connect ECONNREFUSED" },
    outbox: { ok: true, latencyMs: 1 },
  },
  outbox: {
    unsent: 1234,
    oldestUnsent: { id: "o1", event: "chat-message", createdAt: "2026-12-01T13:00:00Z" },
    lastError: null,
  },
  soketi: {
    configured: true,
    nodes: 2,
    nodesUp: 2,
    connections: 5,
    messagesSent: 0,
    messagesReceived: 0,
    messagesPerMinute: null,
  },
  presence: [],
  history: [],
};

const render = (locale: Locale) =>
  renderToStaticMarkup(
    <IntlWrapper locale={locale}>
      <SWRConfig value={{ fallback: { "/api/admin/system": status } }}>
        <SystemScreen />
      </SWRConfig>
    </IntlWrapper>,
  );

describe("SystemScreen texts", () => {
  it("keeps the English, with dates in UTC", () => {
    const html = render("en");
    for (const text of [
      "Database: up",
      "Realtime server: down",
      "connect ECONNREFUSED",
      "Checked 1 Dec 2026, 14:05",
      "chat-message since 1 Dec 2026, 13:00",
      "1,234",
      "measuring…",
      "Nobody is on a course page right now.",
      "Collecting samples…",
      "Presence per course",
    ])
      expect(html).toContain(text);
  });

  it("writes German around the technical names", () => {
    const html = render("de");
    for (const text of [
      "Datenbank: erreichbar",
      "Echtzeitserver: nicht erreichbar",
      "Outbox: erreichbar",
      "Geprüft am 01.12.2026, 14:05",
      "chat-message seit 01.12.2026, 13:00",
      "1.234",
      "wird gemessen…",
      "Soketi",
      "Anwesenheit pro Kurs",
    ])
      expect(html).toContain(text);
  });
});
