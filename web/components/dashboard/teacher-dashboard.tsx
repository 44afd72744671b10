"use client";
import { Link } from "@/i18n/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useTranslations } from "next-intl";
import { useDashboardUpdates } from "@/hooks/use-dashboard-updates";
import { useNewEnrollments } from "@/hooks/use-new-enrollments";
import { useChannelEvents } from "@/hooks/use-channel-event";
import { useCourseUpdates } from "@/hooks/use-course-updates";
import { useDashboard } from "@/hooks/data/use-dashboard";
import { channels, type NewEnrollmentPayload } from "@/lib/realtime";
import type { TeacherDashboard as Data } from "@/server/services/dashboard";
import { Badge, Card, Empty, StatGrid, type StatTile } from "@/components/ui/card";
import { CourseLink } from "@/components/courses/course-link";
import { AttendanceChart, ClassAverageChart } from "@/components/charts/teacher-charts";
import { useFormat } from "@/hooks/use-format";

// The tiles' labels are teacher.dashboard.stats.<key>.
const TILES = [
  { key: "courses" },
  { key: "activeStudents", testId: "stat-active-students" },
  { key: "scoresRecorded" },
  { key: "attendanceMarkedToday" },
] as const satisfies readonly { key: keyof Data["stats"]; testId?: string }[];

export function TeacherDashboard({ initial, userId }: { initial: Data; userId: string }) {
  const t = useTranslations("teacher.dashboard");
  const f = useFormat();
  const tiles: StatTile<Data["stats"]>[] = TILES.map((tile) => ({
    key: tile.key,
    label: t(`stats.${tile.key}`),
    testId: "testId" in tile ? tile.testId : undefined,
  }));
  const { data = initial, mutate } = useDashboard(initial);
  const [live, setLive] = useState<NewEnrollmentPayload[]>([]);
  useDashboardUpdates(userId, () => void mutate());
  // A course assigned to (or taken from) this teacher, edited or archived.
  useCourseUpdates(() => void mutate(), [channels.teacherDashboard(userId)]);
  // A cancellation: the refetch brings the count and the feed item's new status.
  useChannelEvents(
    data.courses.map((c) => channels.courseEnrollments(c.id)),
    "enrollment-update",
    () => void mutate(),
  );
  // One subscription for all of the teacher's courses (never a hook per course).
  useNewEnrollments(
    data.courses.map((c) => c.id),
    (enrollment) => {
      toast.info(t("newEnrollment", { name: enrollment.studentName }), {
        description: enrollment.courseName,
      });
      setLive((current) =>
        [enrollment, ...current.filter((e) => e.enrollmentId !== enrollment.enrollmentId)].slice(
          0,
          10,
        ),
      );
      void mutate();
    },
  );
  // Live arrivals first, then the stored feed (the refetch also contains them: de-duplicate);
  // the stored line wins once it is there, as it carries the current status (CANCELLED).
  const stored = new Map(data.recentEnrollments.map((e) => [e.enrollmentId, e]));
  const feed = [
    ...live.map((e) => stored.get(e.enrollmentId) ?? { ...e, status: "ACTIVE" as const }),
    ...data.recentEnrollments.filter((e) => !live.some((l) => l.enrollmentId === e.enrollmentId)),
  ].slice(0, 10);
  const enrolled = (course: Data["courses"][number]) =>
    t.rich("enrolled", {
      count: course.activeEnrollments,
      number: (chunks) => (
        <span className="font-semibold" data-testid={`enrollment-count-${course.id}`}>
          {chunks}
        </span>
      ),
    });
  const joined = (e: { studentName: string; courseName: string }) =>
    t.rich("joined", {
      student: e.studentName,
      course: e.courseName,
      studentName: (chunks) => <span className="font-medium">{chunks}</span>,
      courseName: (chunks) => <span className="font-medium">{chunks}</span>,
    });
  return (
    <div className="space-y-6">
      <StatGrid stats={data.stats} tiles={tiles} />
      {/* Scores and attendance send dashboard-update to this dashboard: the refetch redraws. */}
      <div className="grid gap-6 lg:grid-cols-2">
        <ClassAverageChart averages={data.charts.classAverages} />
        <AttendanceChart sessions={data.charts.attendanceSessions} />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={t("myCourses")} className="lg:col-span-2" testId="teacher-courses">
          {data.courses.length === 0 ? (
            <Empty>{t("noCourses")}</Empty>
          ) : (
            <ul className="divide-y divide-slate-100">
              {data.courses.map((course) => (
                <li key={course.id} className="flex items-center justify-between py-3">
                  <div>
                    <CourseLink course={course} />
                    <p className="text-sm text-slate-600">{course.description}</p>
                    <Link
                      href={`/courses/${course.id}`}
                      className="text-xs text-brand-700 underline"
                    >
                      {t("manage")}
                    </Link>
                  </div>
                  <span className="text-sm whitespace-nowrap text-slate-700">
                    {enrolled(course)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("recent")} testId="enrollment-feed">
          {feed.length === 0 ? (
            <Empty>{t("noEnrollments")}</Empty>
          ) : (
            <ul className="space-y-2 text-sm">
              {feed.map((e) => (
                <li key={e.enrollmentId} data-testid="enrollment-feed-item">
                  {joined(e)} <Badge value={e.status} />
                  <div className="text-xs text-slate-600">{f.dateTime(e.timestamp)}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
