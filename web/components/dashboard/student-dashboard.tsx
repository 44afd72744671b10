"use client";
import Link from "next/link";
import { toast } from "sonner";
import { useDashboardUpdates } from "@/hooks/use-dashboard-updates";
import { usePaymentEvents } from "@/hooks/use-payment-events";
import { useScoreEvents } from "@/hooks/use-score-events";
import { useAttendanceEvents } from "@/hooks/use-attendance-events";
import { useDashboard } from "@/hooks/data/use-dashboard";
import { PaymentForm } from "@/components/student/payment-form";
import type { StudentDashboard as Data } from "@/server/services/dashboard";
import { Badge, Card, Empty, Stat, Table } from "@/components/ui/card";
import { formatDate, formatDateTime, formatMoney, formatPercent } from "@/lib/format";

const ATTENDANCE_ICON = { present: "✅", absent: "❌", late: "⏰", excused: "📝" } as const;

export function StudentDashboard({ initial, userId }: { initial: Data; userId: string }) {
  const { data = initial, mutate } = useDashboard(initial);
  const refresh = () => void mutate();
  // Every change to this student's data arrives as an event; each refreshes the dashboard.
  // Toasts for approvals and scores come from their durable notifications (NotificationToast).
  useDashboardUpdates(userId, refresh);
  usePaymentEvents(userId, refresh, refresh);
  useScoreEvents(userId, refresh);
  useAttendanceEvents(userId, (attendance) => {
    toast.info(`Attendance marked: ${ATTENDANCE_ICON[attendance.status]} ${attendance.status}`, {
      description: `${attendance.courseTitle}, ${formatDate(attendance.date)}`,
    });
    refresh();
  });
  const { stats } = data;
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Active courses" value={stats.activeCourses} testId="stat-active-courses" />
        <Stat
          label="Average score"
          value={formatPercent(stats.averageScorePct)}
          testId="stat-average-score"
        />
        <Stat
          label="Attendance"
          value={formatPercent(stats.attendanceRatePct)}
          testId="stat-attendance"
        />
        <Stat
          label="Pending payments"
          value={stats.pendingPayments}
          testId="stat-pending-payments"
        />
      </div>

      <Card title="My courses" testId="my-courses">
        {data.courses.length === 0 ? (
          <Empty>You are not enrolled in any course yet.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.courses.map((course) => (
              <li key={course.id} className="flex items-center justify-between py-2">
                <Link
                  href={`/courses/${course.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {course.title}
                </Link>
                <span className="text-sm text-slate-500">{course.teacherName}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Scores" testId="scores" id="scores">
          {data.scores.length === 0 ? (
            <Empty>No scores yet.</Empty>
          ) : (
            <Table head={["Course", "Assessment", "Score"]}>
              {data.scores.map((s) => (
                <tr key={s.id} data-testid={`score-${s.id}`}>
                  <td className="py-2 pr-4">{s.courseTitle}</td>
                  <td className="py-2 pr-4">{s.title}</td>
                  <td className="py-2 pr-4 font-medium">
                    {s.score}/{s.maxScore}
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="Attendance" testId="attendance">
          {data.attendance.length === 0 ? (
            <Empty>No attendance recorded yet.</Empty>
          ) : (
            <Table head={["Date", "Course", "Status"]}>
              {data.attendance.map((a) => (
                <tr key={a.id} data-testid={`attendance-${a.id}`}>
                  <td className="py-2 pr-4">{formatDate(a.date)}</td>
                  <td className="py-2 pr-4">{a.courseTitle}</td>
                  <td className="py-2 pr-4">
                    <Badge value={a.status} />
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>

      <PaymentForm onSubmitted={refresh} />

      <Card title="Payments" testId="payments" id="payments">
        {data.payments.length === 0 ? (
          <Empty>No payments yet.</Empty>
        ) : (
          <Table head={["Submitted", "Course", "Amount", "Status"]}>
            {data.payments.map((p) => (
              <tr key={p.id} data-testid={`payment-${p.id}`}>
                <td className="py-2 pr-4">{formatDateTime(p.createdAt)}</td>
                <td className="py-2 pr-4">{p.courseTitle}</td>
                <td className="py-2 pr-4">{formatMoney(p.amountCents)}</td>
                <td className="py-2 pr-4">
                  <Badge value={p.status} testId={`payment-status-${p.id}`} />
                  {p.reason && <span className="ml-2 text-xs text-slate-500">{p.reason}</span>}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </div>
  );
}
