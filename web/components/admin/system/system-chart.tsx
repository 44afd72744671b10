"use client";
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

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** The last hour: connections and messages per minute (left axis), outbox backlog (right). */
export function SystemChart({ history }: { history: SystemSample[] }) {
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
            name="Connections"
            stroke="#1d4ed8"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            yAxisId="left"
            dataKey="messagesPerMinute"
            name="Messages / min"
            stroke="#15803d"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            yAxisId="right"
            dataKey="backlog"
            name="Outbox backlog"
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
