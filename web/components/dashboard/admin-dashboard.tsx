"use client";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { channels } from "@/lib/realtime";
import { useDashboardUpdates } from "@/hooks/use-dashboard-updates";
import { useChannelEvent } from "@/hooks/use-channel-event";
import { useDashboard } from "@/hooks/data/use-dashboard";
import { useMutateResource } from "@/hooks/data/use-mutate-resource";
import { ONLINE_USERS_KEY } from "@/hooks/data/use-online-users";
import { PendingPayments } from "@/components/admin/pending-payments";
import { AnnouncementComposer } from "@/components/admin/announcement-composer";
import { OnlineNow } from "@/components/admin/online-now";
import { AdminTrendChart } from "@/components/charts/admin-trend-chart";
import type { AdminDashboard as Data } from "@/server/services/dashboard";
import { Card, Empty, StatGrid, type StatTile } from "@/components/ui/card";
import { useFormat } from "@/hooks/use-format";

const TILES = [
  { key: "students", testId: "stat-students" },
  { key: "activeEnrollments", testId: "stat-enrollments" },
  { key: "pendingPayments", testId: "stat-pending" },
  { key: "revenueCents", testId: "stat-revenue", money: true },
] as const satisfies readonly { key: keyof Data["stats"]; testId: string; money?: true }[];

export function AdminDashboard({ initial, userId }: { initial: Data; userId: string }) {
  const t = useTranslations("admin.dashboard");
  const f = useFormat();
  const tiles: StatTile<Data["stats"]>[] = TILES.map((tile) => ({
    key: tile.key,
    label: t(`stats.${tile.key}`),
    testId: tile.testId,
    ...("money" in tile ? { format: f.money } : {}),
  }));
  const { data = initial, mutate } = useDashboard(initial);
  const mutateResource = useMutateResource();
  const refresh = () => void mutate();
  useDashboardUpdates(userId, (update) => {
    // Presence changes arrive as stats-update {onlineUsers}: refresh the online panel only.
    if (update.event === "stats-update" && "onlineUsers" in update.payload.stats) {
      void mutateResource(ONLINE_USERS_KEY);
      return;
    }
    refresh();
  });
  useChannelEvent(channels.adminDashboard(), "payment-received", (payment) => {
    toast.info(t("newPayment", { amount: f.money(payment.amountCents) }), {
      description: payment.courseTitle,
    });
    refresh();
  });
  useChannelEvent(channels.adminDashboard(), "payment-approved", refresh);
  useChannelEvent(channels.adminDashboard(), "new-enrollment", refresh);
  const { stats } = data;
  return (
    <div className="space-y-6">
      <StatGrid stats={data.stats} tiles={tiles} />
      <PendingPayments
        payments={data.pendingPayments}
        total={stats.pendingPayments}
        onChange={refresh}
      />
      {/* new-enrollment and payment-approved refetch the dashboard: the weeks redraw. */}
      <AdminTrendChart weekly={data.charts.weekly} />
      <div className="grid gap-6 lg:grid-cols-2">
        <AnnouncementComposer onPosted={refresh} />
        <OnlineNow />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("recentEnrollments")}>
          {data.recentEnrollments.length === 0 ? (
            <Empty>{t("noEnrollments")}</Empty>
          ) : (
            <ul className="space-y-2 text-sm">
              {data.recentEnrollments.map((e) => (
                <li key={e.enrollmentId}>
                  <span className="font-medium">{e.studentName}</span> → {e.courseName}
                  <span className="ml-2 text-xs text-slate-600">{f.dateTime(e.timestamp)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("announcements")}>
          {data.announcements.length === 0 ? (
            <Empty>{t("noAnnouncements")}</Empty>
          ) : (
            <ul className="space-y-3 text-sm">
              {data.announcements.map((a) => (
                <li key={a.id}>
                  <div className="font-medium">{a.title}</div>
                  <div className="text-slate-600">{a.message}</div>
                  <div className="text-xs text-slate-600">{f.dateTime(a.timestamp)}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
