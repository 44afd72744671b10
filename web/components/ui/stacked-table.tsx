import type { ReactNode } from "react";

/** One column of a StackedTable: its heading and how a row shows in it. */
export type Column<T> = {
  head: string;
  cell: (row: T) => ReactNode;
  /** Classes of the column's cells (alignment, width from md up). */
  className?: string;
};

/**
 * A table from `md` up; on a phone each row becomes a block of "heading: value" lines, so
 * nothing scrolls sideways and every control stays in view.
 */
export function StackedTable<T extends { id: string }>({
  columns,
  rows,
  rowTestId,
  caption,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowTestId?: (row: T) => string;
  /** The table's name for screen readers. */
  caption?: string;
}) {
  return (
    <table className="block w-full text-left text-sm md:table">
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead className="sr-only md:not-sr-only md:table-header-group">
        <tr className="border-b border-slate-200 text-xs text-slate-600 uppercase">
          {columns.map((column) => (
            <th key={column.head} scope="col" className="py-2 pr-4 font-medium">
              {column.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="block divide-y divide-slate-200 md:table-row-group">
        {rows.map((row) => (
          <tr
            key={row.id}
            data-testid={rowTestId?.(row)}
            className="block py-2 md:table-row md:py-0"
          >
            {columns.map((column) => (
              <td
                key={column.head}
                data-label={column.head}
                className={`flex items-center justify-between gap-4 py-1 before:text-xs before:font-medium before:text-slate-600 before:content-[attr(data-label)] md:table-cell md:py-2 md:pr-4 md:before:content-none ${column.className ?? ""}`}
              >
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
