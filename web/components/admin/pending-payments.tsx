"use client";
import { useRef } from "react";
import { useTranslations } from "next-intl";
import type { AdminDashboard } from "@/server/services/dashboard";
import { useFormat } from "@/hooks/use-format";
import { usePaymentPages } from "@/hooks/data/use-payment-pages";
import { Card, Empty } from "@/components/ui/card";
import { LoadMore } from "@/components/ui/load-more";
import { PaymentReview } from "@/components/admin/payment-review";

type Pending = AdminDashboard["pendingPayments"][number];

/**
 * The review queue, oldest first, a page at a time. Each payment is one row: a grid of labelled
 * cells from `md` up, stacked on a phone with Approve and Reject always in view.
 */
export function PendingPayments({
  payments,
  total,
  onChange,
}: {
  payments: Pending[];
  total: number;
  onChange: () => void;
}) {
  const t = useTranslations("admin.pendingPayments");
  const f = useFormat();
  const list = usePaymentPages<Pending>(
    { status: "PENDING", order: "asc" },
    { initial: payments, version: payments },
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const rows = useRef<HTMLUListElement>(null);

  // A reviewed row leaves the list: focus goes to the next row's Approve (or the heading),
  // never back to the top of the page.
  const reviewed = (index: number) => {
    const buttons = rows.current?.querySelectorAll<HTMLButtonElement>("[data-approve]");
    const next = buttons?.[index + 1] ?? buttons?.[index - 1];
    (next ?? heading.current)?.focus();
    onChange();
    void list.refresh();
  };

  return (
    <Card
      title={
        <span ref={heading} tabIndex={-1} className="outline-none">
          {t("title", { total })}
        </span>
      }
      testId="pending-payments"
    >
      {list.items.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <ul ref={rows} className="divide-y divide-slate-200" aria-label={t("listLabel")}>
          <li
            aria-hidden
            className="hidden pb-2 text-xs font-medium text-slate-600 uppercase md:grid md:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)_7rem_auto] md:gap-4"
          >
            <span>{t("columns.submitted")}</span>
            <span>{t("columns.student")}</span>
            <span>{t("columns.course")}</span>
            <span>{t("columns.amount")}</span>
            <span className="w-44" />
          </li>
          {list.items.map((p, index) => (
            <li
              key={p.id}
              data-testid={`pending-payment-${p.id}`}
              className="grid grid-cols-2 gap-x-4 gap-y-1 py-3 text-sm md:grid-cols-[9rem_minmax(0,1fr)_minmax(0,1fr)_7rem_auto] md:items-center"
            >
              <span className="col-span-2 text-xs text-slate-600 md:col-span-1 md:text-sm">
                {f.dateTime(p.createdAt)}
              </span>
              <span className="col-span-2 min-w-0 md:col-span-1">
                <span className="font-medium text-slate-900">{p.studentName}</span>
                <span className="block truncate text-xs text-slate-600">{p.studentEmail}</span>
              </span>
              <span className="min-w-0 text-slate-700">
                <span className="sr-only">{t("courseLabel")}</span>
                {p.courseTitle}
              </span>
              <span className="text-right font-semibold text-slate-900 md:text-left">
                <span className="sr-only">{t("amountLabel")}</span>
                {f.money(p.amountCents)}
              </span>
              <div className="col-span-2 mt-1 md:col-span-1 md:mt-0">
                <PaymentReview payment={p} onDone={() => reviewed(index)} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} what="payments" />
    </Card>
  );
}
