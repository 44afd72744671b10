"use client";
import useSWR from "swr";
import type { recentAnnouncements } from "@/server/services/announcements";

const ANNOUNCEMENTS_KEY = "/api/announcements";

export type Announcement = Awaited<ReturnType<typeof recentAnnouncements>>[number];

/** Recent platform announcements, newest first (GET /api/announcements). */
export function useAnnouncements() {
  return useSWR<Announcement[]>(ANNOUNCEMENTS_KEY);
}
