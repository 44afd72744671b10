"use client";
import Link from "next/link";
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
import { Card, Empty, Table } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CourseLink } from "@/components/courses/course-link";
import { CourseForm } from "./course-form";

const cell = "py-2 pr-4 align-top";

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
      <tr data-testid={`course-row-${course.id}`}>
        <td className={cell} colSpan={5}>
          <CourseForm
            course={course}
            onSaved={() => {
              setEditing(false);
              onChanged();
            }}
            onCancel={() => setEditing(false)}
          />
        </td>
      </tr>
    );
  return (
    <tr data-testid={`course-row-${course.id}`}>
      <td className={cell}>
        <CourseLink course={course} />
        {course.description && (
          <p className="line-clamp-2 max-w-md text-xs text-slate-600">{course.description}</p>
        )}
      </td>
      <td className={cell}>{course.teacherName}</td>
      <td className={cell}>{course.activeEnrollments}</td>
      <td className={cell} data-testid={`course-price-${course.id}`}>
        {course.priceCents === 0 ? "free" : formatMoney(course.priceCents)}
      </td>
      <td className={`${cell} whitespace-nowrap`}>
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
      </td>
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
          <Table head={["Course", "Teacher", "Enrolled", "Price", "Actions"]}>
            {data.map((course) => (
              <CourseRow key={course.id} course={course} onChanged={refresh} />
            ))}
          </Table>
        )}
        <LoadMore list={list} what="courses" />
      </Card>
    </div>
  );
}
