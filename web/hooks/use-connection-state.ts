"use client";
import { useCallback, useSyncExternalStore } from "react";
import { useRealtime } from "@/components/realtime/realtime-provider";
import type { ConnectionState } from "@/lib/realtime/connection";

/** The pusher-js connection state, live ("initialized" until the provider has connected). */
export function useConnectionState(): ConnectionState {
  const { connection } = useRealtime();
  const subscribe = useCallback(
    (onChange: () => void) => (connection ? connection.subscribeState(onChange) : () => {}),
    [connection],
  );
  return useSyncExternalStore(
    subscribe,
    () => connection?.getState() ?? "initialized",
    () => "initialized",
  );
}
