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
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { AXIS_TICK, ChartFigure, LEGEND_STYLE, SERIES_COLORS } from "./chart-figure";

type Week = { week: string; enrollments: number; revenueCents: number };

/** Enrollments (bars, left axis) and approved revenue (line, right axis) per week. */
export function AdminTrendChart({ weekly }: { weekly: readonly Week[] }) {
  const t = useTranslations("admin.trendChart");
  const f = useFormat();
  return (
    <ChartFigure
      title={t("title")}
      head={[t("weekOf"), t("enrollments"), t("revenue")]}
      rows={weekly.map((w) => [f.date(w.week), w.enrollments, f.money(w.revenueCents)])}
      testId="chart-weekly"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          accessibilityLayer={false}
          data={weekly.map((w) => ({
            ...w,
            label: f.shortDate(w.week),
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
            tickFormatter={(dollars: number) => t("dollarsTick", { amount: f.number(dollars) })}
          />
          <Tooltip
            formatter={(value, name, item) =>
              item.dataKey === "revenue" ? [f.money(Number(value) * 100), name] : [value, name]
            }
          />
          <Legend
            wrapperStyle={LEGEND_STYLE}
            formatter={(value) => <span className="text-slate-700">{value}</span>}
          />
          <Bar
            yAxisId="count"
            dataKey="enrollments"
            name={t("enrollments")}
            fill={SERIES_COLORS[0]}
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
          <Line
            yAxisId="money"
            dataKey="revenue"
            name={t("revenue")}
            stroke={SERIES_COLORS[1]}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
