"use client";
import { useCallback, useState } from "react";
import { channels, type AnnouncementPayload } from "@/lib/realtime";
import { useChannelEvent } from "./use-channel-event";

/**
 * Live `new-announcement` events on `public-announcements` (no sign-in needed), newest first,
 * until dismissed.
 */
export function usePublicAnnouncements(options: { max?: number } = {}) {
  const [announcements, setAnnouncements] = useState<AnnouncementPayload[]>([]);
  const max = options.max ?? 10;

  useChannelEvent(channels.publicAnnouncements(), "new-announcement", (announcement) => {
    setAnnouncements((current) =>
      [announcement, ...current.filter((a) => a.id !== announcement.id)].slice(0, max),
    );
  });

  /** Removes an announcement from the live list (by id or the announcement itself). */
  const dismissAnnouncement = useCallback((announcement: string | { id: string }) => {
    const id = typeof announcement === "string" ? announcement : announcement.id;
    setAnnouncements((current) => current.filter((a) => a.id !== id));
  }, []);

  return { announcements, dismissAnnouncement };
}
