"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { CourseView } from "@/server/services/courses";
import { Button } from "@/components/ui/button";
import { CancelEnrollmentButton } from "@/components/courses/cancel-enrollment-button";
import { CourseDetailsForm } from "@/components/courses/course-details-form";
import { CourseLive } from "@/components/courses/course-live";
import { EnrollButton } from "@/components/courses/enroll-button";

/** Title, teacher, count and description, with what the viewer may do: edit, enroll, leave. */
export function CourseHeader({
  course,
  archived,
  onChange,
}: {
  course: CourseView;
  archived: boolean;
  onChange: () => void;
}) {
  const t = useTranslations("courses.header");
  const [editing, setEditing] = useState(false);
  const { viewer } = course;
  const taughtBy = t.rich("taughtBy", {
    name: course.teacher.name,
    count: course.activeEnrollments,
    number: (chunks) => <span data-testid="course-enrollment-count">{chunks}</span>,
  });
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      {editing ? (
        <CourseDetailsForm
          course={course}
          onSaved={() => {
            setEditing(false);
            onChange();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div>
          <h1 className="text-2xl font-semibold" data-testid="course-title">
            {course.title}
          </h1>
          <p className="text-sm text-slate-600">{taughtBy}</p>
          <p
            className="mt-2 max-w-2xl whitespace-pre-line text-slate-700"
            data-testid="course-description"
          >
            {course.description}
          </p>
          {viewer.canManage && !archived && (
            <Button variant="secondary" className="mt-3" onClick={() => setEditing(true)}>
              {t("edit")}
            </Button>
          )}
        </div>
      )}
      <div className="flex items-center gap-4">
        {viewer.canSeePresence && <CourseLive courseId={course.id} onChange={onChange} />}
        {!archived && viewer.role === "STUDENT" && !viewer.enrolled && (
          <EnrollButton course={course} testId="enroll-button" onDone={onChange} />
        )}
        {viewer.enrollmentId && (
          <CancelEnrollmentButton
            self
            enrollmentId={viewer.enrollmentId}
            who="you"
            course={course.title}
            onDone={onChange}
          />
        )}
      </div>
    </div>
  );
}
