"use client";
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { useAnnouncements, type Announcement } from "@/hooks/data/use-announcements";
import { usePublicAnnouncements } from "@/hooks/use-public-announcements";

const STORAGE_KEY = "livecampus:dismissed-announcements";
/** The dismiss button's face; its name is its aria-label. */
const DISMISS_MARK = "✕";

function loadDismissed(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Platform announcements on every page: the recent ones from the server plus those arriving
 * live on `public-announcements`. Dismissing one hides it in this browser for good.
 */
export function AnnouncementBanner() {
  const t = useTranslations("shell.announcements");
  const { data: recent = [], mutate } = useAnnouncements();
  const { announcements: live, dismissAnnouncement } = usePublicAnnouncements();
  const [dismissed, setDismissed] = useState<string[]>([]);
  useEffect(() => setDismissed(loadDismissed()), []);
  // A live one is also stored: refresh the list so both stay in step.
  const newest = live[0]?.id;
  useEffect(() => {
    if (newest) void mutate();
  }, [newest, mutate]);

  const visible = useMemo(() => {
    const byId = new Map<string, Announcement>();
    for (const a of [...live, ...recent]) if (!byId.has(a.id)) byId.set(a.id, a);
    return [...byId.values()].filter((a) => !dismissed.includes(a.id)).slice(0, 3);
  }, [live, recent, dismissed]);

  // Always in the page, empty when there is nothing to show: a live region must exist before
  // its content changes for screen readers to announce what arrives.
  return (
    <section
      aria-label={t("label")}
      aria-live="polite"
      className={visible.length ? "border-b border-sky-200 bg-sky-50" : undefined}
    >
      {visible.map((a) => (
        <div
          key={a.id}
          className="mx-auto flex max-w-6xl items-start gap-3 px-4 py-2.5"
          data-testid="announcement"
        >
          <div className="min-w-0 flex-1 text-sm">
            <span className="font-semibold text-sky-900">{a.title}</span>{" "}
            <span className="text-sky-800">{a.message}</span>
          </div>
          <button
            type="button"
            className="rounded px-1.5 text-sky-700 hover:bg-sky-100"
            aria-label={t("dismiss", { title: a.title })}
            onClick={() => {
              const next = [...dismissed, a.id].slice(-200);
              localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
              setDismissed(next);
              dismissAnnouncement(a.id);
            }}
          >
            {DISMISS_MARK}
          </button>
        </div>
      ))}
    </section>
  );
}
