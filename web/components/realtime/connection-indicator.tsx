"use client";
import { useConnectionState } from "@/hooks/use-connection-state";

const VIEW: Record<
  string,
  { label: string; dot: string; kind: "connected" | "reconnecting" | "offline" }
> = {
  connected: { label: "Live", dot: "bg-emerald-500", kind: "connected" },
  initialized: { label: "Connecting", dot: "bg-amber-400 animate-pulse", kind: "reconnecting" },
  connecting: { label: "Reconnecting", dot: "bg-amber-400 animate-pulse", kind: "reconnecting" },
  unavailable: { label: "Offline", dot: "bg-red-500", kind: "offline" },
  failed: { label: "Offline", dot: "bg-red-500", kind: "offline" },
  disconnected: { label: "Offline", dot: "bg-red-500", kind: "offline" },
};

/** Connected / reconnecting / offline, from the tab's one pusher-js connection. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  const view = VIEW[state] ?? VIEW.unavailable!;
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-600"
      data-testid="connection-indicator"
      data-state={view.kind}
      title={`Realtime connection: ${state}`}
      // A live region: a change of state is announced without moving focus.
      role="status"
    >
      <span className={`h-2 w-2 rounded-full ${view.dot}`} aria-hidden />
      <span className="sr-only">Realtime connection: </span>
      {view.label}
    </span>
  );
}
