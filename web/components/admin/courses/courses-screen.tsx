"use client";
import { Link } from "@/i18n/navigation";
import { useState } from "react";
import type { CourseListItem } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { channels } from "@/lib/realtime";
import { formatMoney } from "@/lib/format";
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

const COLUMNS = ["Course", "Teacher", "Enrolled", "Price", "Actions"].map((head) => ({ head }));

function CourseRow({ course, onChanged }: { course: CourseListItem; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archive = useAction(api.updateCourse, {
    success: `Archived “${course.title}”`,
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
      <StackedCell label="Course" className="md:align-top">
        <div className="min-w-0 text-right md:text-left">
          <CourseLink course={course} />
          {course.description && (
            <p className="line-clamp-2 max-w-md text-xs text-slate-600">{course.description}</p>
          )}
        </div>
      </StackedCell>
      <StackedCell label="Teacher" className="md:align-top">
        {course.teacherName}
      </StackedCell>
      <StackedCell label="Enrolled" className="md:align-top">
        {course.activeEnrollments}
      </StackedCell>
      <StackedCell label="Price" className="md:align-top">
        <span data-testid={`course-price-${course.id}`}>
          {course.priceCents === 0 ? "free" : formatMoney(course.priceCents)}
        </span>
      </StackedCell>
      <StackedCell label="Actions" className="whitespace-nowrap md:align-top">
        <div className="flex gap-2">
          <Button
            variant="secondary"
            onClick={() => setEditing(true)}
            aria-label={`Edit ${course.title}`}
          >
            Edit
          </Button>
          <Button
            variant="danger"
            onClick={() => setArchiving(true)}
            aria-label={`Archive ${course.title}`}
          >
            Archive
          </Button>
        </div>
        <ConfirmDialog
          open={archiving}
          title={`Archive “${course.title}”?`}
          confirmLabel="Archive course"
          pending={archive.pending}
          onCancel={() => setArchiving(false)}
          onConfirm={() => void archive.run(course.id, { archived: true })}
        >
          The course leaves every catalog and dashboard and takes no new enrollments. Its scores,
          attendance and payments are kept.
        </ConfirmDialog>
      </StackedCell>
    </tr>
  );
}

/** The admin's courses: create, edit, change the teacher, archive; live on course-update. */
export function CoursesScreen({ initial }: { initial: CourseListItem[] }) {
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
      <Card title="New course" testId="create-course">
        <CourseForm onSaved={refresh} />
      </Card>
      <Card
        title="Courses"
        testId="admin-course-list"
        action={
          <Link href="/courses" className="text-sm text-brand-700 hover:underline">
            Open the catalog →
          </Link>
        }
      >
        {error && (
          <p role="alert" className="mb-2 text-sm text-red-700">
            The list could not be refreshed; it may be out of date.
          </p>
        )}
        <div className="mb-3">
          <CourseSearch value={search} onChange={setSearch} count={data.length} />
        </div>
        {data.length === 0 ? (
          <Empty>
            {q.trim()
              ? "No course matches this search."
              : "No courses yet: create the first one above."}
          </Empty>
        ) : (
          <StackedTable
            columns={COLUMNS}
            rows={data}
            caption="Courses"
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
