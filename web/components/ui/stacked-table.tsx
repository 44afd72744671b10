import type { ReactNode } from "react";

/** One column of a StackedTable: its heading and how a row shows in it. */
export type Column<T> = {
  head: string;
  /** Not needed when the table's `renderRow` draws the rows. */
  cell?: (row: T) => ReactNode;
  /** Classes of the column's cells (alignment, width from md up). */
  className?: string;
};

/** The classes of a StackedTable's row (`tr`): a block on a phone, a table row from `md` up. */
export const STACKED_ROW = "block py-2 md:table-row md:py-0";

/**
 * One cell of a StackedTable row: on a phone a "`label`: value" line. A row with state of its
 * own (an inline edit) renders its `tr` with these through StackedTable's `renderRow`.
 */
export function StackedCell({
  label,
  className = "",
  colSpan,
  children,
}: {
  label?: string;
  className?: string;
  colSpan?: number;
  children?: ReactNode;
}) {
  return (
    <td
      data-label={label}
      colSpan={colSpan}
      className={`flex items-center justify-between gap-4 py-1 before:text-xs before:font-medium before:text-slate-600 before:content-[attr(data-label)] md:table-cell md:py-2 md:pr-4 md:before:content-none ${className}`}
    >
      {children}
    </td>
  );
}

/**
 * A table from `md` up; on a phone each row becomes a block of "heading: value" lines, so
 * nothing scrolls sideways and every control stays in view. `renderRow` draws a row itself
 * (with STACKED_ROW and StackedCell) instead of through the columns' `cell`.
 */
export function StackedTable<T extends { id: string }>({
  columns,
  rows,
  rowTestId,
  caption,
  renderRow,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowTestId?: (row: T) => string;
  /** The table's name for screen readers. */
  caption?: string;
  renderRow?: (row: T) => ReactNode;
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
        {rows.map(
          (row) =>
            renderRow?.(row) ?? (
              <tr key={row.id} data-testid={rowTestId?.(row)} className={STACKED_ROW}>
                {columns.map((column) => (
                  <StackedCell key={column.head} label={column.head} className={column.className}>
                    {column.cell?.(row)}
                  </StackedCell>
                ))}
              </tr>
            ),
        )}
      </tbody>
    </table>
  );
}
