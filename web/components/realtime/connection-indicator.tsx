"use client";
import { useTranslations } from "next-intl";
import { useConnectionState } from "@/hooks/use-connection-state";
import { CONNECTION_STATES, type ConnectionState } from "@/lib/realtime/connection";

// `label`: shell.connection.views.<label>.
const VIEW: Record<
  ConnectionState,
  {
    label: "live" | "connecting" | "reconnecting" | "offline";
    dot: string;
    kind: "connected" | "reconnecting" | "offline";
  }
> = {
  connected: { label: "live", dot: "bg-emerald-500", kind: "connected" },
  initialized: { label: "connecting", dot: "bg-amber-400 animate-pulse", kind: "reconnecting" },
  connecting: { label: "reconnecting", dot: "bg-amber-400 animate-pulse", kind: "reconnecting" },
  unavailable: { label: "offline", dot: "bg-red-500", kind: "offline" },
  failed: { label: "offline", dot: "bg-red-500", kind: "offline" },
  disconnected: { label: "offline", dot: "bg-red-500", kind: "offline" },
};

function isKnownState(state: string): state is ConnectionState {
  return (CONNECTION_STATES as readonly string[]).includes(state);
}

/** Connected / reconnecting / offline, from the tab's one pusher-js connection. */
export function ConnectionIndicator() {
  const t = useTranslations("shell.connection");
  const state: string = useConnectionState();
  const known = isKnownState(state);
  const view = known ? VIEW[state] : VIEW.unavailable;
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-slate-600"
      data-testid="connection-indicator"
      data-state={view.kind}
      title={t("title", { state: known ? t(`states.${state}`) : state })}
      // A live region: a change of state is announced without moving focus.
      role="status"
    >
      <span className={`h-2 w-2 rounded-full ${view.dot}`} aria-hidden />
      <span className="sr-only">{t("srLabel")} </span>
      {t(`views.${view.label}`)}
    </span>
  );
}
