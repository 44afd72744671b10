"use client";
import { useTranslations } from "next-intl";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { AttendanceSession } from "@/server/services/charts";
import { useFormat } from "@/hooks/use-format";
import { AXIS_TICK, ChartFigure, LEGEND_STYLE, SERIES_COLORS } from "./chart-figure";

type ClassAverage = { courseId: string; title: string; averagePct: number | null };

// Each status's name is charts.attendance.status.<key>.
const STATUSES = [
  { key: "present", color: "#047857" },
  { key: "late", color: "#b45309" },
  { key: "excused", color: "#1a46a6" },
  { key: "absent", color: "#be123c" },
] as const;

const legend = (value: string) => <span className="text-slate-700">{value}</span>;

/** Each course's class average (percent of the points possible). */
export function ClassAverageChart({ averages }: { averages: readonly ClassAverage[] }) {
  const t = useTranslations("charts.classAverage");
  const f = useFormat();
  const scored = averages.filter((a) => a.averagePct !== null);
  return (
    <ChartFigure
      title={t("title")}
      empty={t("empty")}
      head={[t("course"), t("average")]}
      rows={scored.map((a) => [a.title, f.percent(a.averagePct)])}
      testId="chart-class-average"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          accessibilityLayer={false}
          data={scored}
          margin={{ top: 8, right: 12, bottom: 0, left: -16 }}
        >
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="title" tick={AXIS_TICK} interval={0} />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => f.percent(v)} tick={AXIS_TICK} />
          <Tooltip formatter={(value) => [f.percent(Number(value)), t("average")]} />
          <Bar
            dataKey="averagePct"
            name={t("average")}
            fill={SERIES_COLORS[0]}
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** How many students were present, late, excused or absent at each of the last sessions. */
export function AttendanceChart({ sessions }: { sessions: readonly AttendanceSession[] }) {
  const t = useTranslations("charts.attendance");
  const f = useFormat();
  const label = (key: (typeof STATUSES)[number]["key"]) => t(`status.${key}`);
  return (
    <ChartFigure
      title={t("title")}
      empty={t("empty")}
      head={[t("date"), ...STATUSES.map((s) => label(s.key))]}
      rows={sessions.map((s) => [f.date(s.date), ...STATUSES.map((st) => f.number(s[st.key]))])}
      testId="chart-attendance"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          accessibilityLayer={false}
          data={sessions.map((s) => ({ ...s, label: f.shortDate(s.date) }))}
          margin={{ top: 8, right: 12, bottom: 0, left: -24 }}
        >
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} />
          <Tooltip />
          <Legend wrapperStyle={LEGEND_STYLE} formatter={legend} />
          {STATUSES.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={label(s.key)}
              stackId="attendance"
              fill={s.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
