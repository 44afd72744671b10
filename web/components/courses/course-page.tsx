"use client";
import type { CourseView } from "@/server/services/courses";
import { useCourse } from "@/hooks/data/use-course";
import { Card, Empty, Table } from "@/components/ui/card";
import { AttendanceCard } from "@/components/courses/attendance-card";
import { AttendanceForm } from "@/components/courses/attendance-form";
import { CourseLive } from "@/components/courses/course-live";
import { EditScoreForm } from "@/components/courses/edit-score-form";
import { EnrollButton } from "@/components/courses/enroll-button";
import { ScoreForm } from "@/components/courses/score-form";

function RosterCard({ course }: { course: CourseView }) {
  return (
    <Card title={`Students (${course.roster.length})`} testId="roster">
      {course.roster.length === 0 ? (
        <Empty>No students enrolled yet.</Empty>
      ) : (
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {course.roster.map((s) => (
            <li key={s.id}>
              {s.name} <span className="text-slate-400">{s.email}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ScoresCard({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const { viewer } = course;
  return (
    <Card title="Scores" testId="course-scores">
      {course.scores.length === 0 ? (
        <Empty>No scores yet.</Empty>
      ) : (
        <Table
          head={viewer.canManage ? ["Student", "Assessment", "Score"] : ["Assessment", "Score"]}
        >
          {course.scores.map((s) => (
            <tr key={s.id}>
              {viewer.canManage && <td className="py-2 pr-4">{s.studentName}</td>}
              <td className="py-2 pr-4">{s.title}</td>
              <td className="py-2 pr-4">
                {viewer.isTeacher ? (
                  <EditScoreForm key={`${s.id}-${s.score}`} score={s} onSaved={onSaved} />
                ) : (
                  `${s.score}/${s.maxScore}`
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

/** A course's page: what the viewer may see of it, live, with the teacher's forms. */
export function CoursePage({ initial }: { initial: CourseView }) {
  const { data: course = initial, mutate } = useCourse(initial);
  const refresh = () => void mutate();
  const { viewer } = course;
  const noStudents = course.roster.length === 0 && <Empty>No students enrolled yet.</Empty>;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="course-title">
            {course.title}
          </h1>
          <p className="text-sm text-slate-500">
            Taught by {course.teacher.name} ·{" "}
            <span data-testid="course-enrollment-count">{course.activeEnrollments}</span> enrolled
          </p>
          <p className="mt-2 max-w-2xl text-slate-700">{course.description}</p>
        </div>
        <div className="flex items-center gap-4">
          {viewer.canSeePresence && <CourseLive courseId={course.id} onChange={refresh} />}
          {viewer.role === "STUDENT" && !viewer.enrolled && (
            <EnrollButton course={course} testId="enroll-button" onDone={refresh} />
          )}
        </div>
      </div>

      {viewer.isTeacher && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Record a score">
            {noStudents || <ScoreForm course={course} onSaved={refresh} />}
          </Card>
          <Card title="Attendance">
            {noStudents || <AttendanceForm course={course} onSaved={refresh} />}
          </Card>
        </div>
      )}

      {viewer.canManage && <RosterCard course={course} />}

      {(viewer.canManage || viewer.enrolled) && (
        <div className="grid gap-6 lg:grid-cols-2">
          <ScoresCard course={course} onSaved={refresh} />
          <AttendanceCard
            title="Attendance record"
            rows={course.attendance.slice(0, 30)}
            column={viewer.canManage ? { head: "Student", cell: (a) => a.studentName } : undefined}
          />
        </div>
      )}
    </div>
  );
}
