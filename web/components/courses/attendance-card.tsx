import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { Badge, Card, Empty } from "@/components/ui/card";
import { StackedTable, type Column } from "@/components/ui/stacked-table";

type Attendance = { id: string; date: string; status: string };

/**
 * Attendance rows in a card: the date, an optional column (whose: student or course) and the
 * status badge; stacked on a phone. `footer` holds the list's "load more".
 */
export function AttendanceCard<A extends Attendance>({
  title,
  testId,
  rows,
  column,
  rowTestId,
  footer,
}: {
  title: string;
  testId?: string;
  rows: readonly A[];
  column?: { head: string; cell: (row: A) => ReactNode };
  rowTestId?: (row: A) => string;
  footer?: ReactNode;
}) {
  const t = useTranslations("courses.attendanceCard");
  const f = useFormat();
  const columns: Column<A>[] = [
    { head: t("date"), cell: (a) => f.date(a.date) },
    ...(column ? [column] : []),
    { head: t("status"), cell: (a) => <Badge value={a.status} /> },
  ];
  return (
    <Card title={title} testId={testId}>
      {rows.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <StackedTable columns={columns} rows={rows} rowTestId={rowTestId} caption={title} />
      )}
      {footer}
    </Card>
  );
}
