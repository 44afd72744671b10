"use client";
import { Link } from "@/i18n/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { CourseListItem } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { channels } from "@/lib/realtime";
import { useFormat } from "@/hooks/use-format";
import { COURSES_KEY, useCoursePages } from "@/hooks/data/use-courses";
import { useMutateResource } from "@/hooks/data/use-mutate-resource";
import { useDebounced } from "@/hooks/use-debounced";
import { CourseSearch } from "@/components/courses/course-search";
import { LoadMore } from "@/components/ui/load-more";
import { useAction } from "@/hooks/use-action";
import { useChannelEvent } from "@/hooks/use-channel-event";
import { Button } from "@/components/ui/button";
import { Card, Empty } from "@/components/ui/card";
import { StackedCell, STACKED_ROW, StackedTable } from "@/components/ui/stacked-table";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CourseLink } from "@/components/courses/course-link";
import { CourseForm } from "./course-form";

const COLUMNS = ["course", "teacher", "enrolled", "price", "actions"] as const;

function CourseRow({ course, onChanged }: { course: CourseListItem; onChanged: () => void }) {
  const t = useTranslations("admin.courses");
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archive = useAction(api.updateCourse, {
    success: t("archived", { title: course.title }),
    onSuccess: () => {
      setArchiving(false);
      onChanged();
    },
  });
  if (editing)
    return (
      <tr data-testid={`course-row-${course.id}`} className={STACKED_ROW}>
        <StackedCell colSpan={5}>
          <div className="w-full min-w-0">
            <CourseForm
              course={course}
              onSaved={() => {
                setEditing(false);
                onChanged();
              }}
              onCancel={() => setEditing(false)}
            />
          </div>
        </StackedCell>
      </tr>
    );
  return (
    <tr data-testid={`course-row-${course.id}`} className={STACKED_ROW}>
      <StackedCell label={t("columns.course")} className="md:align-top">
        <div className="min-w-0 text-right md:text-left">
          <CourseLink course={course} />
          {course.description && (
            <p className="line-clamp-2 max-w-md text-xs text-slate-600">{course.description}</p>
          )}
        </div>
      </StackedCell>
      <StackedCell label={t("columns.teacher")} className="md:align-top">
        {course.teacherName}
      </StackedCell>
      <StackedCell label={t("columns.enrolled")} className="md:align-top">
        {course.activeEnrollments}
      </StackedCell>
      <StackedCell label={t("columns.price")} className="md:align-top">
        <span data-testid={`course-price-${course.id}`}>
          {course.priceCents === 0 ? t("free") : f.money(course.priceCents)}
        </span>
      </StackedCell>
      <StackedCell label={t("columns.actions")} className="whitespace-nowrap md:align-top">
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() => setEditing(true)}
            aria-label={t("editLabel", { title: course.title })}
          >
            {t("edit")}
          </Button>
          <Button
            variant="danger"
            onClick={() => setArchiving(true)}
            aria-label={t("archiveLabel", { title: course.title })}
          >
            {t("archive")}
          </Button>
        </div>
        <ConfirmDialog
          open={archiving}
          title={t("archiveTitle", { title: course.title })}
          confirmLabel={t("archiveConfirm")}
          pending={archive.pending}
          onCancel={() => setArchiving(false)}
          onConfirm={() => void archive.run(course.id, { archived: true })}
        >
          {t("archiveBody")}
        </ConfirmDialog>
      </StackedCell>
    </tr>
  );
}

/** The admin's courses: create, edit, change the teacher, archive; live on course-update. */
export function CoursesScreen({ initial }: { initial: CourseListItem[] }) {
  const t = useTranslations("admin.courses");
  const columns = COLUMNS.map((key) => ({ head: t(`columns.${key}`) }));
  const [search, setSearch] = useState("");
  const q = useDebounced(search, 250);
  const list = useCoursePages(q, initial);
  const mutateResource = useMutateResource();
  const refresh = () => {
    void list.refresh();
    void mutateResource(COURSES_KEY);
  };
  const { items: data, error } = list;
  useChannelEvent(channels.adminDashboard(), "course-update", refresh);
  return (
    <div className="space-y-6">
      <Card title={t("newCourse")} testId="create-course">
        <CourseForm onSaved={refresh} />
      </Card>
      <Card
        title={t("list")}
        testId="admin-course-list"
        action={
          <Link href="/courses" className="text-sm text-brand-700 hover:underline">
            {t("openCatalog")}
          </Link>
        }
      >
        {error && (
          <p role="alert" className="mb-2 text-sm text-red-700">
            {t("refreshFailed")}
          </p>
        )}
        <div className="mb-3">
          <CourseSearch value={search} onChange={setSearch} count={data.length} />
        </div>
        {data.length === 0 ? (
          <Empty>{q.trim() ? t("noMatch") : t("noCourses")}</Empty>
        ) : (
          <StackedTable
            columns={columns}
            rows={data}
            caption={t("caption")}
            renderRow={(course) => (
              <CourseRow key={course.id} course={course} onChanged={refresh} />
            )}
          />
        )}
        <LoadMore list={list} what="courses" />
      </Card>
    </div>
  );
}
