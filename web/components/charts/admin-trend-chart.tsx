"use client";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate, formatMoney } from "@/lib/format";
import { AXIS_TICK, ChartFigure, LEGEND_STYLE, SERIES_COLORS } from "./chart-figure";

type Week = { week: string; enrollments: number; revenueCents: number };

const shortDate = (iso: string) => formatDate(iso).replace(/ \d{4}$/, "");

/** Enrollments (bars, left axis) and approved revenue (line, right axis) per week. */
export function AdminTrendChart({ weekly }: { weekly: readonly Week[] }) {
  return (
    <ChartFigure
      title="Enrollments and revenue per week"
      head={["Week of", "Enrollments", "Revenue"]}
      rows={weekly.map((w) => [formatDate(w.week), w.enrollments, formatMoney(w.revenueCents)])}
      testId="chart-weekly"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          accessibilityLayer={false}
          data={weekly.map((w) => ({
            ...w,
            label: shortDate(w.week),
            revenue: w.revenueCents / 100,
          }))}
          margin={{ top: 8, right: 0, bottom: 0, left: -24 }}
        >
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} />
          <YAxis yAxisId="count" allowDecimals={false} tick={AXIS_TICK} />
          <YAxis
            yAxisId="money"
            orientation="right"
            tick={AXIS_TICK}
            tickFormatter={(dollars: number) => `$${dollars}`}
          />
          <Tooltip
            formatter={(value, name) =>
              name === "Revenue" ? [formatMoney(Number(value) * 100), name] : [value, name]
            }
          />
          <Legend
            wrapperStyle={LEGEND_STYLE}
            formatter={(value) => <span className="text-slate-700">{value}</span>}
          />
          <Bar
            yAxisId="count"
            dataKey="enrollments"
            name="Enrollments"
            fill={SERIES_COLORS[0]}
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
          <Line
            yAxisId="money"
            dataKey="revenue"
            name="Revenue"
            stroke={SERIES_COLORS[1]}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
