"use client";
import useSWR from "swr";
import type { Dashboard } from "@/server/services/dashboard";

const DASHBOARD_KEY = "/api/dashboard";

/** The signed-in user's dashboard (GET /api/dashboard answers with the caller's role's one). */
export function useDashboard<D extends Dashboard>(initial: D) {
  return useSWR<D>(DASHBOARD_KEY, { fallbackData: initial });
}
