"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";

/** The search box over a list of courses (the catalog, the admin's courses). */
export function CourseSearch({
  value,
  onChange,
  count,
}: {
  value: string;
  onChange: (value: string) => void;
  /** How many courses the search shows, announced as it changes. */
  count: number;
}) {
  const t = useTranslations("courses.search");
  const id = useId();
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-full sm:w-80">
        <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
          {t("label")}
        </label>
        <input
          id={id}
          type="search"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder={t("placeholder")}
          data-testid="course-search"
          className="block w-full rounded-md border border-slate-300 px-2.5 py-2 text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
      </div>
      <p role="status" className="text-sm text-slate-600">
        {value.trim() ? t("found", { count }) : ""}
      </p>
    </div>
  );
}
