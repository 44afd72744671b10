"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { CourseListItem } from "@/server/services/courses";
import type { Role } from "@/lib/domain";
import { useFormat } from "@/hooks/use-format";
import { COURSES_KEY, useCoursePages } from "@/hooks/data/use-courses";
import { useMutateResource } from "@/hooks/data/use-mutate-resource";
import { useDebounced } from "@/hooks/use-debounced";
import { CourseSearch } from "@/components/courses/course-search";
import { LoadMore } from "@/components/ui/load-more";
import { useCourseUpdates } from "@/hooks/use-course-updates";
import { Card, Empty } from "@/components/ui/card";
import { CourseLink } from "@/components/courses/course-link";
import { EnrollButton } from "@/components/courses/enroll-button";

export function CourseCatalog({ initial, role }: { initial: CourseListItem[]; role: Role }) {
  const t = useTranslations("courses.catalog");
  const f = useFormat();
  const [search, setSearch] = useState("");
  const q = useDebounced(search, 250);
  const list = useCoursePages(q, initial);
  const mutateResource = useMutateResource();
  const refresh = () => {
    void list.refresh();
    // The other readers of the catalog (the payment form's courses and what is due).
    void mutateResource(COURSES_KEY);
  };
  // A course created, edited or archived anywhere: the catalog shows it without a reload.
  useCourseUpdates(refresh);
  const data = list.items;
  return (
    <div className="space-y-4">
      <CourseSearch value={search} onChange={setSearch} count={data.length} />
      {data.length === 0 ? (
        <Empty>{q.trim() ? t("noMatch") : t("empty")}</Empty>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {data.map((course) => (
            <Card key={course.id} testId={`course-card-${course.id}`}>
              <div className="flex items-start justify-between gap-4">
                <div>
                  <CourseLink
                    course={course}
                    className="text-lg font-semibold text-brand-700 hover:underline"
                  />
                  <p className="text-sm text-slate-600">
                    {t("teacher", { name: course.teacherName })}
                  </p>
                  <p className="mt-2 text-sm text-slate-700">{course.description}</p>
                  <p className="mt-2 text-xs text-slate-600">
                    {t("enrolledCount", { count: course.activeEnrollments })} ·{" "}
                    {course.priceCents === 0 ? t("free") : f.money(course.priceCents)}
                    {course.amountDueCents !== null && (
                      <span data-testid={`course-due-${course.id}`}>
                        {" "}
                        · {t("due", { amount: f.money(course.amountDueCents) })}
                      </span>
                    )}
                  </p>
                </div>
                {role === "STUDENT" &&
                  (course.enrolled ? (
                    <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
                      {t("enrolled")}
                    </span>
                  ) : (
                    <EnrollButton course={course} testId={`enroll-${course.id}`} onDone={refresh} />
                  ))}
              </div>
            </Card>
          ))}
        </div>
      )}
      <LoadMore list={list} what="courses" />
    </div>
  );
}
