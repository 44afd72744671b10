"use client";
import { useTranslations } from "next-intl";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SystemSample } from "@/server/services/system";
import { useFormat } from "@/hooks/use-format";

/** The last hour: connections and messages per minute (left axis), outbox backlog (right). */
export function SystemChart({ history }: { history: SystemSample[] }) {
  const t = useTranslations("system.chart");
  const f = useFormat();
  const time = (iso: string) => f.time(iso);
  return (
    <div className="h-64 w-full" data-testid="system-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={history} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="at" tickFormatter={time} minTickGap={32} stroke="#475569" />
          <YAxis yAxisId="left" allowDecimals={false} stroke="#475569" />
          <YAxis yAxisId="right" orientation="right" allowDecimals={false} stroke="#475569" />
          <Tooltip labelFormatter={(label) => time(String(label))} />
          <Legend />
          <Line
            yAxisId="left"
            dataKey="connections"
            name={t("connections")}
            stroke="#1d4ed8"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            yAxisId="left"
            dataKey="messagesPerMinute"
            name={t("messagesPerMinute")}
            stroke="#15803d"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            yAxisId="right"
            dataKey="backlog"
            name={t("backlog")}
            stroke="#b45309"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
