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
import { useFormat } from "@/hooks/use-format";
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
  const t = useTranslations("charts.scores");
  const f = useFormat();
  const sorted = [...scores].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const courses = [...new Map(sorted.map((s) => [s.courseId, s.courseTitle])).entries()];
  return (
    <ChartFigure
      title={t("title")}
      empty={t("empty")}
      head={[t("date"), t("course"), t("assessment"), t("score")]}
      rows={sorted.map((s) => [
        f.date(s.createdAt),
        s.courseTitle,
        s.title,
        t("scoreCell", {
          score: f.number(s.score),
          max: f.number(s.maxScore),
          percent: f.percent(pct(s)),
        }),
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
            tickFormatter={(at: number) => f.date(new Date(at))}
            tick={AXIS_TICK}
            allowDuplicatedCategory={false}
          />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => f.percent(v)} tick={AXIS_TICK} />
          <Tooltip
            labelFormatter={(at) => f.date(new Date(Number(at)))}
            formatter={(value) => [f.percent(Number(value)), t("score")]}
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
