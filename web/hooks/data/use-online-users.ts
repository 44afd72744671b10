"use client";
import useSWR from "swr";
import type { OnlineUser } from "@/server/services/online";

export const ONLINE_USERS_KEY = "/api/admin/online";

/** Who is online now, for admins (GET /api/admin/online); also polled every 30 s. */
export function useOnlineUsers() {
  return useSWR<OnlineUser[]>(ONLINE_USERS_KEY, { refreshInterval: 30_000 });
}
