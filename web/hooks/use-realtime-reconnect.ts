"use client";
import { useEffect } from "react";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { useLatest } from "./use-channel-event";

/**
 * Calls `callback` each time the connection comes back after a drop (SWR keys are already
 * revalidated by the provider; use this for state that is not in SWR).
 */
export function useRealtimeReconnect(callback: () => void): void {
  const { connection } = useRealtime();
  const ref = useLatest(callback);
  useEffect(() => {
    if (!connection) return;
    return connection.onReconnect(() => ref.current());
  }, [connection, ref]);
}
