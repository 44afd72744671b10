"use client";
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
import { formatDate, formatPercent } from "@/lib/format";
import { AXIS_TICK, ChartFigure, LEGEND_STYLE, SERIES_COLORS } from "./chart-figure";

type ClassAverage = { courseId: string; title: string; averagePct: number | null };

const STATUSES = [
  { key: "present", label: "Present", color: "#047857" },
  { key: "late", label: "Late", color: "#b45309" },
  { key: "excused", label: "Excused", color: "#1a46a6" },
  { key: "absent", label: "Absent", color: "#be123c" },
] as const;

const legend = (value: string) => <span className="text-slate-700">{value}</span>;
const shortDate = (iso: string) => formatDate(iso).replace(/ \d{4}$/, "");

/** Each course's class average (percent of the points possible). */
export function ClassAverageChart({ averages }: { averages: readonly ClassAverage[] }) {
  const scored = averages.filter((a) => a.averagePct !== null);
  return (
    <ChartFigure
      title="Class average per course"
      empty="No scores recorded yet."
      head={["Course", "Class average"]}
      rows={scored.map((a) => [a.title, formatPercent(a.averagePct)])}
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
          <YAxis domain={[0, 100]} unit="%" tick={AXIS_TICK} />
          <Tooltip formatter={(value) => [`${String(value)}%`, "Class average"]} />
          <Bar
            dataKey="averagePct"
            name="Class average"
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
  return (
    <ChartFigure
      title="Attendance per session"
      empty="No attendance marked yet."
      head={["Date", ...STATUSES.map((s) => s.label)]}
      rows={sessions.map((s) => [formatDate(s.date), ...STATUSES.map((st) => s[st.key])])}
      testId="chart-attendance"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          accessibilityLayer={false}
          data={sessions.map((s) => ({ ...s, label: shortDate(s.date) }))}
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
              name={s.label}
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
