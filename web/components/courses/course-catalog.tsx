"use client";
import type { CourseListItem } from "@/server/services/courses";
import type { Role } from "@/lib/domain";
import { useCourses } from "@/hooks/data/use-courses";
import { useCourseUpdates } from "@/hooks/use-course-updates";
import { Card, Empty } from "@/components/ui/card";
import { CourseLink } from "@/components/courses/course-link";
import { EnrollButton } from "@/components/courses/enroll-button";

export function CourseCatalog({ initial, role }: { initial: CourseListItem[]; role: Role }) {
  const { data = initial, mutate } = useCourses(initial);
  // A course created, edited or archived anywhere: the catalog shows it without a reload.
  useCourseUpdates(() => void mutate());
  if (data.length === 0) return <Empty>No courses yet.</Empty>;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {data.map((course) => (
        <Card key={course.id} testId={`course-card-${course.id}`}>
          <div className="flex items-start justify-between gap-4">
            <div>
              <CourseLink
                course={course}
                className="text-lg font-semibold text-brand-700 hover:underline"
              />
              <p className="text-sm text-slate-600">with {course.teacherName}</p>
              <p className="mt-2 text-sm text-slate-700">{course.description}</p>
              <p className="mt-2 text-xs text-slate-600">{course.activeEnrollments} enrolled</p>
            </div>
            {role === "STUDENT" &&
              (course.enrolled ? (
                <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
                  Enrolled
                </span>
              ) : (
                <EnrollButton
                  course={course}
                  testId={`enroll-${course.id}`}
                  onDone={() => void mutate()}
                />
              ))}
          </div>
        </Card>
      ))}
    </div>
  );
}
