"use client";
import { useRealtime } from "@/components/realtime/realtime-provider";
import {
  channels,
  dashboardChannel,
  isCuid,
  type DashboardUpdatePayload,
  type StatsUpdatePayload,
} from "@/lib/realtime";
import { useChannelEvents } from "./use-channel-event";
import { useLatest } from "./use-latest";

type DashboardUpdate =
  | { event: "dashboard-update"; channel: string; payload: DashboardUpdatePayload }
  | { event: "stats-update"; channel: string; payload: StatsUpdatePayload };

/**
 * Live dashboard changes for `userId`: `dashboard-update` on `private-user-{id}` and, when
 * `userId` is the signed-in user, `dashboard-update` and `stats-update` on their role's
 * dashboard channel. Typically: `useDashboardUpdates(user.id, () => void mutate())`, with
 * `mutate` from useDashboard.
 */
export function useDashboardUpdates(
  userId: string | null | undefined,
  callback: (update: DashboardUpdate) => void,
): void {
  const { user } = useRealtime();
  const ref = useLatest(callback);
  const valid = isCuid(userId) ? userId : null;
  const dashboard =
    valid && user?.id === valid ? dashboardChannel({ role: user.role, id: valid }) : null;

  useChannelEvents(
    valid ? [channels.user(valid), dashboard] : null,
    "dashboard-update",
    (payload, meta) => ref.current({ event: "dashboard-update", channel: meta.channel, payload }),
  );
  useChannelEvents(dashboard, "stats-update", (payload, meta) =>
    ref.current({ event: "stats-update", channel: meta.channel, payload }),
  );
}
