import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

export function Card({
  title,
  action,
  children,
  className = "",
  testId,
  id,
}: {
  id?: string;
  title?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      id={id}
      className={`min-w-0 scroll-mt-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm ${className}`}
      data-testid={testId}
    >
      {(title || action) && (
        <div className="mb-3 flex items-center justify-between gap-2">
          {title && <h2 className="text-base font-semibold text-slate-800">{title}</h2>}
          {action}
        </div>
      )}
      {children}
    </section>
  );
}

function Stat({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</div>
      <div className="mt-1 text-2xl font-semibold text-slate-900" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** One tile of a StatGrid: which number of the stats it shows, and how. */
export type StatTile<S> = {
  key: keyof S & string;
  label: string;
  testId?: string;
  format?: (value: S[keyof S]) => ReactNode;
};

/** The `tiles` of a dashboard's `stats` as a row of Stat tiles (two columns, four from md up). */
export function StatGrid<S extends Record<string, ReactNode>>({
  stats,
  tiles,
}: {
  stats: S;
  tiles: readonly StatTile<S>[];
}) {
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
      {tiles.map(({ key, label, testId, format }) => (
        <Stat
          key={key}
          label={label}
          value={format ? format(stats[key]) : stats[key]}
          testId={testId}
        />
      ))}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="py-4 text-center text-sm text-slate-600">{children}</p>;
}

const BADGE = {
  PENDING: "bg-amber-100 text-amber-800",
  COMPLETED: "bg-emerald-100 text-emerald-800",
  REJECTED: "bg-red-100 text-red-800",
  ACTIVE: "bg-emerald-100 text-emerald-800",
  CANCELLED: "bg-slate-100 text-slate-600",
  present: "bg-emerald-100 text-emerald-800",
  late: "bg-amber-100 text-amber-800",
  absent: "bg-red-100 text-red-800",
  excused: "bg-sky-100 text-sky-800",
} as const;

function isKnownStatus(value: string): value is keyof typeof BADGE {
  return Object.hasOwn(BADGE, value);
}

/** A status (PENDING, present…): its colour, and its name in the page's language. */
export function Badge({ value, testId }: { value: string; testId?: string }) {
  const t = useTranslations("common.badge");
  const known = isKnownStatus(value);
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${known ? BADGE[value] : "bg-slate-100 text-slate-700"}`}
      data-testid={testId}
    >
      {known ? t(value) : value.toLowerCase()}
    </span>
  );
}

export function Table({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-600 uppercase">
            {head.map((h) => (
              <th key={h} className="py-2 pr-4 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
