"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { CourseView } from "@/server/services/courses";
import { channels } from "@/lib/realtime";
import { useCourse } from "@/hooks/data/use-course";
import { useFormat } from "@/hooks/use-format";
import { useChannelEvent } from "@/hooks/use-channel-event";
import { useCourseUpdates } from "@/hooks/use-course-updates";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { useAttendancePages, useScorePages } from "@/hooks/data/use-record-pages";
import { Card, Empty } from "@/components/ui/card";
import { LoadMore } from "@/components/ui/load-more";
import { StackedTable } from "@/components/ui/stacked-table";
import { AttendanceCard } from "@/components/courses/attendance-card";
import { AttendanceForm } from "@/components/courses/attendance-form";
import { CancelEnrollmentButton } from "@/components/courses/cancel-enrollment-button";
import { CourseHeader } from "@/components/courses/course-header";
import { EditScoreForm } from "@/components/courses/edit-score-form";
import { ScoreForm } from "@/components/courses/score-form";

type Score = CourseView["scores"][number];

function RosterCard({ course, onChange }: { course: CourseView; onChange: () => void }) {
  const t = useTranslations("courses.page");
  return (
    <Card title={t("roster", { count: course.roster.length })} testId="roster">
      {course.roster.length === 0 ? (
        <Empty>{t("noStudents")}</Empty>
      ) : (
        <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {course.roster.map((s) => (
            <li
              key={s.id}
              className="flex items-center justify-between gap-2"
              data-testid={`roster-${s.id}`}
            >
              <span>
                {s.name} <span className="text-slate-600">{s.email}</span>
              </span>
              <CancelEnrollmentButton
                enrollmentId={s.enrollmentId}
                who={s.name}
                course={course.title}
                onDone={onChange}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Keeps the page current: enrollments cancelled, the course edited or archived elsewhere. */
function useCourseChanges(course: CourseView, refresh: () => void) {
  const { user } = useRealtime();
  const [archived, setArchived] = useState(false);
  const { viewer } = course;
  useChannelEvent(
    viewer.canManage
      ? channels.courseEnrollments(course.id)
      : user && viewer.role === "STUDENT"
        ? channels.user(user.id)
        : null,
    "enrollment-update",
    (update) => {
      if (update.courseId === course.id) refresh();
    },
  );
  useCourseUpdates((update) => {
    if (update.courseId !== course.id) return;
    if (update.change === "archived") setArchived(true);
    else refresh();
  });
  return archived;
}

function ScoresCard({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const t = useTranslations("courses.page");
  const f = useFormat();
  const { viewer } = course;
  const list = useScorePages<CourseView["scores"][number]>(course.id, {
    initial: course.scores,
    version: course.scores,
  });
  return (
    <Card title={t("scores")} testId="course-scores">
      {list.items.length === 0 ? (
        <Empty>{t("noScores")}</Empty>
      ) : (
        <StackedTable
          caption={t("scores")}
          rows={list.items}
          columns={[
            ...(viewer.canManage
              ? [{ head: t("student"), cell: (s: Score) => s.studentName }]
              : []),
            { head: t("assessment"), cell: (s: Score) => s.title },
            {
              head: t("score"),
              cell: (s: Score) =>
                viewer.isTeacher ? (
                  <EditScoreForm key={`${s.id}-${s.score}`} score={s} onSaved={onSaved} />
                ) : (
                  t("scoreValue", { score: f.number(s.score), max: f.number(s.maxScore) })
                ),
            },
          ]}
        />
      )}
      <LoadMore list={list} what="scores" />
    </Card>
  );
}

function AttendanceRecord({ course }: { course: CourseView }) {
  const t = useTranslations("courses.page");
  const list = useAttendancePages<CourseView["attendance"][number]>(course.id, {
    initial: course.attendance,
    version: course.attendance,
  });
  return (
    <AttendanceCard
      title={t("attendanceRecord")}
      rows={list.items}
      column={
        course.viewer.canManage ? { head: t("student"), cell: (a) => a.studentName } : undefined
      }
      footer={<LoadMore list={list} what="attendance" />}
    />
  );
}

/** A course's page: what the viewer may see of it, live, with the teacher's forms. */
export function CoursePage({ initial }: { initial: CourseView }) {
  const t = useTranslations("courses.page");
  const { data: course = initial, mutate } = useCourse(initial);
  const refresh = () => void mutate();
  const archived = useCourseChanges(course, refresh) || course.archived;
  const { viewer } = course;
  const noStudents = course.roster.length === 0 && <Empty>{t("noStudents")}</Empty>;
  return (
    <div className="space-y-6">
      {archived && (
        <p
          role="status"
          data-testid="course-archived"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {t("archived")}
        </p>
      )}
      <CourseHeader course={course} archived={archived} onChange={refresh} />

      {viewer.isTeacher && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t("recordScore")}>
            {noStudents || <ScoreForm course={course} onSaved={refresh} />}
          </Card>
          <Card title={t("attendance")}>
            {noStudents || <AttendanceForm course={course} onSaved={refresh} />}
          </Card>
        </div>
      )}

      {viewer.canManage && <RosterCard course={course} onChange={refresh} />}

      {(viewer.canManage || viewer.enrolled) && (
        <div className="grid gap-6 lg:grid-cols-2">
          <ScoresCard course={course} onSaved={refresh} />
          <AttendanceRecord course={course} />
        </div>
      )}
    </div>
  );
}
