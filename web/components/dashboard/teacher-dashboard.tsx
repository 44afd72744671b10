"use client";
import { Link } from "@/i18n/navigation";
import { useState } from "react";
import { toast } from "sonner";
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
import { formatDateTime } from "@/lib/format";

const TILES: StatTile<Data["stats"]>[] = [
  { key: "courses", label: "Courses" },
  { key: "activeStudents", label: "Active students", testId: "stat-active-students" },
  { key: "scoresRecorded", label: "Scores recorded" },
  { key: "attendanceMarkedToday", label: "Attendance today" },
];

export function TeacherDashboard({ initial, userId }: { initial: Data; userId: string }) {
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
      toast.info(`New enrollment: ${enrollment.studentName}`, {
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
  return (
    <div className="space-y-6">
      <StatGrid stats={data.stats} tiles={TILES} />
      {/* Scores and attendance send dashboard-update to this dashboard: the refetch redraws. */}
      <div className="grid gap-6 lg:grid-cols-2">
        <ClassAverageChart averages={data.charts.classAverages} />
        <AttendanceChart sessions={data.charts.attendanceSessions} />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="My courses" className="lg:col-span-2" testId="teacher-courses">
          {data.courses.length === 0 ? (
            <Empty>You do not teach any course yet.</Empty>
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
                      Scores &amp; attendance →
                    </Link>
                  </div>
                  <span className="text-sm whitespace-nowrap text-slate-700">
                    <span className="font-semibold" data-testid={`enrollment-count-${course.id}`}>
                      {course.activeEnrollments}
                    </span>{" "}
                    enrolled
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Recent enrollments" testId="enrollment-feed">
          {feed.length === 0 ? (
            <Empty>No enrollments yet.</Empty>
          ) : (
            <ul className="space-y-2 text-sm">
              {feed.map((e) => (
                <li key={e.enrollmentId} data-testid="enrollment-feed-item">
                  <span className="font-medium">{e.studentName}</span> joined{" "}
                  <span className="font-medium">{e.courseName}</span> <Badge value={e.status} />
                  <div className="text-xs text-slate-600">{formatDateTime(e.timestamp)}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
