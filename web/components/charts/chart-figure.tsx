import { useId, type ReactNode } from "react";

/** The colours of the charts' series: the palette's -700 shades (3:1 and more on white). */
export const SERIES_COLORS = ["#1a46a6", "#047857", "#b45309", "#be123c", "#6d28d9", "#0f766e"];

/** Axis ticks and legend labels in the body text's colour (slate-600). */
export const AXIS_TICK = { fill: "#475569", fontSize: 12 } as const;
export const LEGEND_STYLE = { fontSize: 13 } as const;

/**
 * A chart in a figure: its title, the picture (hidden from screen readers: an SVG drawing says
 * little; each chart turns recharts' keyboard layer off, so nothing focusable hides in it), and
 * the same numbers as a table that screen readers read instead.
 */
export function ChartFigure({
  title,
  empty,
  head,
  rows,
  testId,
  children,
}: {
  title: string;
  /** Shown instead of the chart when there is nothing to draw yet. */
  empty?: string;
  head: string[];
  rows: ReactNode[][];
  testId?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <figure
      aria-labelledby={titleId}
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid={testId}
    >
      <figcaption id={titleId} className="mb-3 text-base font-semibold text-slate-800">
        {title}
      </figcaption>
      {rows.length === 0 && empty ? (
        <p className="py-8 text-center text-sm text-slate-600">{empty}</p>
      ) : (
        <>
          <div className="h-56 w-full" aria-hidden data-testid={testId && `${testId}-drawing`}>
            {children}
          </div>
          {/* The wrapper hides it: a table ignores overflow, so sr-only on the table itself
              would let its cells widen the page. */}
          <div className="sr-only">
            <table>
              <thead>
                <tr>
                  {head.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((cells, i) => (
                  <tr key={i}>
                    {cells.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
