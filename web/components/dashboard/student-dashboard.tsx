"use client";
import { toast } from "sonner";
import { useTranslations } from "next-intl";
import { useDashboardUpdates } from "@/hooks/use-dashboard-updates";
import { usePaymentEvents } from "@/hooks/use-payment-events";
import { useScoreEvents } from "@/hooks/use-score-events";
import { useAttendanceEvents } from "@/hooks/use-attendance-events";
import { useCourseUpdates } from "@/hooks/use-course-updates";
import { useDashboard } from "@/hooks/data/use-dashboard";
import { PaymentForm } from "@/components/student/payment-form";
import {
  StudentAttendance,
  StudentPayments,
  StudentScores,
} from "@/components/student/student-lists";
import { CourseLink } from "@/components/courses/course-link";
import { ScoreChart } from "@/components/charts/score-chart";
import type { StudentDashboard as Data } from "@/server/services/dashboard";
import { Card, Empty, StatGrid, type StatTile } from "@/components/ui/card";
import { useFormat } from "@/hooks/use-format";

// The tiles' labels are student.dashboard.stats.<key>; percentages are formatted at render.
const TILES = [
  { key: "activeCourses", testId: "stat-active-courses" },
  { key: "averageScorePct", testId: "stat-average-score", percent: true },
  { key: "attendanceRatePct", testId: "stat-attendance", percent: true },
  { key: "pendingPayments", testId: "stat-pending-payments" },
] as const satisfies readonly {
  key: keyof Data["stats"];
  testId: string;
  percent?: boolean;
}[];

const ATTENDANCE_ICON = { present: "✅", absent: "❌", late: "⏰", excused: "📝" } as const;

export function StudentDashboard({ initial, userId }: { initial: Data; userId: string }) {
  const t = useTranslations("student.dashboard");
  const tStatus = useTranslations("courses.attendanceStatus");
  const f = useFormat();
  const tiles: StatTile<Data["stats"]>[] = TILES.map((tile) => ({
    key: tile.key,
    label: t(`stats.${tile.key}`),
    testId: tile.testId,
    ...("percent" in tile ? { format: f.percent } : {}),
  }));
  const { data = initial, mutate } = useDashboard(initial);
  const refresh = () => void mutate();
  // Every change to this student's data arrives as an event; each refreshes the dashboard.
  // Toasts for approvals and scores come from their durable notifications (NotificationToast).
  useDashboardUpdates(userId, refresh);
  usePaymentEvents(userId, refresh, refresh);
  useScoreEvents(userId, refresh);
  // An archived or renamed course changes "My courses".
  useCourseUpdates(refresh);
  useAttendanceEvents(userId, (attendance) => {
    toast.info(
      t("attendanceToast", {
        icon: ATTENDANCE_ICON[attendance.status],
        status: tStatus(attendance.status),
      }),
      {
        description: t("attendanceToastDetail", {
          course: attendance.courseTitle,
          date: f.date(attendance.date),
        }),
      },
    );
    refresh();
  });
  return (
    <div className="space-y-6">
      <StatGrid stats={data.stats} tiles={tiles} />
      {/* Redrawn with every refresh: new-score and score-update refetch the dashboard. */}
      <ScoreChart scores={data.scores} />

      <Card title={t("myCourses")} testId="my-courses">
        {data.courses.length === 0 ? (
          <Empty>{t("noCourses")}</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.courses.map((course) => (
              <li
                key={course.id}
                data-testid={`my-course-${course.id}`}
                className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2"
              >
                <span className="min-w-0">
                  <CourseLink course={course} />
                  <span className="block text-sm text-slate-600">{course.teacherName}</span>
                </span>
                <span className="text-sm" data-testid={`my-course-due-${course.id}`}>
                  {course.amountDueCents > 0 ? (
                    <span className="font-medium text-slate-900">
                      {t("due", { amount: f.money(course.amountDueCents) })}
                    </span>
                  ) : (
                    <span className="text-slate-600">
                      {course.priceCents === 0 ? t("free") : t("nothingDue")}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <StudentScores rows={data.scores} />
        <StudentAttendance rows={data.attendance} />
      </div>

      <PaymentForm onSubmitted={refresh} />

      <StudentPayments rows={data.payments} />
    </div>
  );
}
