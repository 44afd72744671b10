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
import { formatDate } from "@/lib/format";
import { AXIS_TICK, ChartFigure, LEGEND_STYLE, SERIES_COLORS } from "./chart-figure";

type Score = {
  id: string;
  courseId: string;
  courseTitle: string;
  title: string;
  score: number;
  maxScore: number;
  createdAt: string;
};

const pct = (s: Score) => (s.maxScore === 0 ? 0 : Math.round((s.score / s.maxScore) * 1000) / 10);

/** A student's scores over time, as a percentage of the points possible, one line per course. */
export function ScoreChart({ scores }: { scores: readonly Score[] }) {
  const sorted = [...scores].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const courses = [...new Map(sorted.map((s) => [s.courseId, s.courseTitle])).entries()];
  return (
    <ChartFigure
      title="My scores over time"
      empty="No scores yet: they appear here as your teachers record them."
      head={["Date", "Course", "Assessment", "Score"]}
      rows={sorted.map((s) => [
        formatDate(s.createdAt),
        s.courseTitle,
        s.title,
        `${s.score} / ${s.maxScore} (${pct(s)}%)`,
      ])}
      testId="chart-scores"
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(at: number) => formatDate(new Date(at).toISOString())}
            tick={AXIS_TICK}
            allowDuplicatedCategory={false}
          />
          <YAxis domain={[0, 100]} unit="%" tick={AXIS_TICK} />
          <Tooltip
            labelFormatter={(at) => formatDate(new Date(Number(at)).toISOString())}
            formatter={(value) => [`${String(value)}%`, "Score"]}
          />
          <Legend
            wrapperStyle={LEGEND_STYLE}
            formatter={(value) => <span className="text-slate-700">{value}</span>}
          />
          {courses.map(([courseId, title], i) => (
            <Line
              key={courseId}
              name={title}
              data={sorted
                .filter((s) => s.courseId === courseId)
                .map((s) => ({ at: Date.parse(s.createdAt), pct: pct(s) }))}
              dataKey="pct"
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
