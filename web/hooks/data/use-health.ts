"use client";
import useSWR from "swr";

const HEALTH_KEY = "/api/health";

type PartState = "up" | "down" | "unknown";

/** GET /api/health as anyone sees it (contract §10): 200, or 503 naming what is down. */
type HealthAnswer = { db: PartState; realtime: PartState; outbox: PartState };

/** A 503 is an answer here, not a failure: its body names the parts that are down. */
async function fetchHealth(url: string): Promise<HealthAnswer> {
  const response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
  return (await response.json()) as HealthAnswer;
}

/**
 * Whether the database is down right now, asked once: `undefined` while asking, or when the
 * server cannot be reached at all.
 */
export function useDatabaseDown(): boolean | undefined {
  const { data } = useSWR<HealthAnswer>(HEALTH_KEY, fetchHealth, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  return data ? data.db === "down" : undefined;
}
