import type { ReactNode } from "react";
import { formatDate } from "@/lib/format";
import { Badge, Card, Empty, Table } from "@/components/ui/card";

type Attendance = { id: string; date: string; status: string };

/**
 * Attendance rows in a card: the date, an optional column (whose: student or course) and the
 * status badge.
 */
export function AttendanceCard<A extends Attendance>({
  title,
  testId,
  rows,
  column,
  rowTestId,
}: {
  title: string;
  testId?: string;
  rows: readonly A[];
  column?: { head: string; cell: (row: A) => ReactNode };
  rowTestId?: (row: A) => string;
}) {
  return (
    <Card title={title} testId={testId}>
      {rows.length === 0 ? (
        <Empty>No attendance recorded yet.</Empty>
      ) : (
        <Table head={column ? ["Date", column.head, "Status"] : ["Date", "Status"]}>
          {rows.map((a) => (
            <tr key={a.id} data-testid={rowTestId?.(a)}>
              <td className="py-2 pr-4">{formatDate(a.date)}</td>
              {column && <td className="py-2 pr-4">{column.cell(a)}</td>}
              <td className="py-2 pr-4">
                <Badge value={a.status} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
