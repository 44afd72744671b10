"use client";
import { useTranslations } from "next-intl";
import type { StudentDashboard } from "@/server/services/dashboard";
import { usePaymentPages } from "@/hooks/data/use-payment-pages";
import { useFormat } from "@/hooks/use-format";
import { useAttendancePages, useScorePages } from "@/hooks/data/use-record-pages";
import { AttendanceCard } from "@/components/courses/attendance-card";
import { Badge, Card, Empty } from "@/components/ui/card";
import { LoadMore } from "@/components/ui/load-more";
import { StackedTable } from "@/components/ui/stacked-table";

// The student's own lists on their dashboard, a page at a time with "load more". Each starts
// from the dashboard's rows and is read again whenever the (live) dashboard changes.

type Rows<K extends "scores" | "attendance" | "payments"> = StudentDashboard[K];

export function StudentScores({ rows }: { rows: Rows<"scores"> }) {
  const t = useTranslations("student.lists");
  const f = useFormat();
  const list = useScorePages<Rows<"scores">[number]>(undefined, { initial: rows, version: rows });
  return (
    <Card title={t("scores")} testId="scores" id="scores">
      {list.items.length === 0 ? (
        <Empty>{t("noScores")}</Empty>
      ) : (
        <StackedTable
          caption={t("scores")}
          rows={list.items}
          rowTestId={(s) => `score-${s.id}`}
          columns={[
            { head: t("course"), cell: (s) => s.courseTitle },
            { head: t("assessment"), cell: (s) => s.title },
            {
              head: t("score"),
              cell: (s) => (
                <span className="font-medium">
                  {t("scoreValue", { score: f.number(s.score), max: f.number(s.maxScore) })}
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
  const t = useTranslations("student.lists");
  const list = useAttendancePages<Rows<"attendance">[number]>(undefined, {
    initial: rows,
    version: rows,
  });
  return (
    <AttendanceCard
      title={t("attendance")}
      testId="attendance"
      rows={list.items}
      column={{ head: t("course"), cell: (a) => a.courseTitle }}
      rowTestId={(a) => `attendance-${a.id}`}
      footer={<LoadMore list={list} what="attendance" />}
    />
  );
}

export function StudentPayments({ rows }: { rows: Rows<"payments"> }) {
  const t = useTranslations("student.lists");
  const f = useFormat();
  const list = usePaymentPages<Rows<"payments">[number]>({}, { initial: rows, version: rows });
  return (
    <Card title={t("payments")} testId="payments" id="payments">
      {list.items.length === 0 ? (
        <Empty>{t("noPayments")}</Empty>
      ) : (
        <StackedTable
          caption={t("payments")}
          rows={list.items}
          rowTestId={(p) => `payment-${p.id}`}
          columns={[
            { head: t("submitted"), cell: (p) => f.dateTime(p.createdAt) },
            { head: t("course"), cell: (p) => p.courseTitle },
            { head: t("amount"), cell: (p) => f.money(p.amountCents) },
            {
              head: t("status"),
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
