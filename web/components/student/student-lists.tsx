"use client";
import type { StudentDashboard } from "@/server/services/dashboard";
import { formatDateTime, formatMoney } from "@/lib/format";
import { usePaymentPages } from "@/hooks/data/use-payment-pages";
import { useAttendancePages, useScorePages } from "@/hooks/data/use-record-pages";
import { AttendanceCard } from "@/components/courses/attendance-card";
import { Badge, Card, Empty } from "@/components/ui/card";
import { LoadMore } from "@/components/ui/load-more";
import { StackedTable } from "@/components/ui/stacked-table";

// The student's own lists on their dashboard, a page at a time with "load more". Each starts
// from the dashboard's rows and is read again whenever the (live) dashboard changes.

type Rows<K extends "scores" | "attendance" | "payments"> = StudentDashboard[K];

export function StudentScores({ rows }: { rows: Rows<"scores"> }) {
  const list = useScorePages<Rows<"scores">[number]>(undefined, { initial: rows, version: rows });
  return (
    <Card title="Scores" testId="scores" id="scores">
      {list.items.length === 0 ? (
        <Empty>No scores yet.</Empty>
      ) : (
        <StackedTable
          caption="Scores"
          rows={list.items}
          rowTestId={(s) => `score-${s.id}`}
          columns={[
            { head: "Course", cell: (s) => s.courseTitle },
            { head: "Assessment", cell: (s) => s.title },
            {
              head: "Score",
              cell: (s) => (
                <span className="font-medium">
                  {s.score}/{s.maxScore}
                </span>
              ),
            },
          ]}
        />
      )}
      <LoadMore list={list} what="scores" />
    </Card>
  );
}

export function StudentAttendance({ rows }: { rows: Rows<"attendance"> }) {
  const list = useAttendancePages<Rows<"attendance">[number]>(undefined, {
    initial: rows,
    version: rows,
  });
  return (
    <AttendanceCard
      title="Attendance"
      testId="attendance"
      rows={list.items}
      column={{ head: "Course", cell: (a) => a.courseTitle }}
      rowTestId={(a) => `attendance-${a.id}`}
      footer={<LoadMore list={list} what="attendance" />}
    />
  );
}

export function StudentPayments({ rows }: { rows: Rows<"payments"> }) {
  const list = usePaymentPages<Rows<"payments">[number]>({}, { initial: rows, version: rows });
  return (
    <Card title="Payments" testId="payments" id="payments">
      {list.items.length === 0 ? (
        <Empty>No payments yet.</Empty>
      ) : (
        <StackedTable
          caption="Payments"
          rows={list.items}
          rowTestId={(p) => `payment-${p.id}`}
          columns={[
            { head: "Submitted", cell: (p) => formatDateTime(p.createdAt) },
            { head: "Course", cell: (p) => p.courseTitle },
            { head: "Amount", cell: (p) => formatMoney(p.amountCents) },
            {
              head: "Status",
              cell: (p) => (
                <span className="flex flex-wrap items-center justify-end gap-2 md:justify-start">
                  <Badge value={p.status} testId={`payment-status-${p.id}`} />
                  {p.reason && <span className="text-xs text-slate-600">{p.reason}</span>}
                </span>
              ),
            },
          ]}
        />
      )}
      <LoadMore list={list} what="payments" />
    </Card>
  );
}
