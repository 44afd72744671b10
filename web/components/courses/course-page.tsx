"use client";
import { useState } from "react";
import { toast } from "sonner";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { ATTENDANCE_STATUSES } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { useAction } from "@/hooks/use-action";
import { useCourse } from "@/hooks/data/use-course";
import { Badge, Card, Empty, Table } from "@/components/ui/card";
import { Button, inputClass } from "@/components/ui/button";
import { CourseLive } from "@/components/courses/course-live";

const today = () => new Date().toISOString().slice(0, 10);

function ScoreForm({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const { run, pending } = useAction(api.createScore);
  const [studentId, setStudentId] = useState(course.roster[0]?.id ?? "");
  return (
    <form
      className="grid gap-3 sm:grid-cols-5"
      data-testid="score-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const saved = await run({
          studentId,
          courseId: course.id,
          title: String(form.get("title") || "") || undefined,
          score: Number(form.get("score")),
          maxScore: Number(form.get("maxScore")),
        });
        if (saved) {
          toast.success("Score saved");
          onSaved();
        }
      }}
    >
      <label className="sm:col-span-2">
        <span className="text-xs text-slate-500">Student</span>
        <select
          className={inputClass}
          value={studentId}
          onChange={(e) => setStudentId(e.target.value)}
          name="studentId"
        >
          {course.roster.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="text-xs text-slate-500">Assessment</span>
        <input className={inputClass} name="title" placeholder="Quiz 1" maxLength={200} />
      </label>
      <label>
        <span className="text-xs text-slate-500">Score</span>
        <input className={inputClass} name="score" type="number" step="any" min={0} required />
      </label>
      <label>
        <span className="text-xs text-slate-500">Out of</span>
        <input
          className={inputClass}
          name="maxScore"
          type="number"
          step="any"
          min={0}
          defaultValue={100}
          required
        />
      </label>
      <div className="sm:col-span-5">
        <Button type="submit" disabled={pending || !studentId}>
          {pending ? "Saving…" : "Save score"}
        </Button>
      </div>
    </form>
  );
}

function AttendanceForm({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const { run, pending } = useAction(api.markAttendance);
  const [date, setDate] = useState(today);
  const marked = new Map(
    course.attendance.filter((a) => a.date === date).map((a) => [a.studentId, a.status]),
  );
  return (
    <div className="space-y-3" data-testid="attendance-form">
      <label className="block max-w-xs">
        <span className="text-xs text-slate-500">Date</span>
        <input
          className={inputClass}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          name="date"
        />
      </label>
      <Table head={["Student", "Status"]}>
        {course.roster.map((student) => (
          <tr key={student.id}>
            <td className="py-2 pr-4">{student.name}</td>
            <td className="py-2 pr-4">
              <div className="flex flex-wrap gap-1">
                {ATTENDANCE_STATUSES.map((status) => (
                  <Button
                    key={status}
                    variant={marked.get(student.id) === status ? "primary" : "secondary"}
                    disabled={pending}
                    aria-pressed={marked.get(student.id) === status}
                    data-testid={`attendance-${student.id}-${status}`}
                    onClick={async () => {
                      if (await run({ studentId: student.id, courseId: course.id, date, status }))
                        onSaved();
                    }}
                  >
                    {status}
                  </Button>
                ))}
              </div>
            </td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

function EditScore({
  score,
  onSaved,
}: {
  score: CourseView["scores"][number];
  onSaved: () => void;
}) {
  const { run, pending } = useAction(api.updateScore);
  const [value, setValue] = useState(String(score.score));
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await run(score.id, { score: Number(value) })) {
          toast.success("Score updated");
          onSaved();
        }
      }}
    >
      <input
        aria-label={`Score for ${score.studentName}`}
        className={`${inputClass} w-20`}
        type="number"
        step="any"
        min={0}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <span className="text-slate-500">/{score.maxScore}</span>
      <Button type="submit" variant="secondary" disabled={pending || value === String(score.score)}>
        Update
      </Button>
    </form>
  );
}

export function CoursePage({ initial }: { initial: CourseView }) {
  const { data: course = initial, mutate } = useCourse(initial);
  const enroll = useAction(api.enroll);
  const refresh = () => void mutate();
  const { viewer } = course;
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
            <Button
              disabled={enroll.pending}
              data-testid="enroll-button"
              onClick={async () => {
                if (await enroll.run(course.id)) {
                  toast.success(`Enrolled in ${course.title}`);
                  refresh();
                }
              }}
            >
              Enroll
            </Button>
          )}
        </div>
      </div>

      {viewer.isTeacher && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Record a score">
            {course.roster.length === 0 ? (
              <Empty>No students enrolled yet.</Empty>
            ) : (
              <ScoreForm course={course} onSaved={refresh} />
            )}
          </Card>
          <Card title="Attendance">
            {course.roster.length === 0 ? (
              <Empty>No students enrolled yet.</Empty>
            ) : (
              <AttendanceForm course={course} onSaved={refresh} />
            )}
          </Card>
        </div>
      )}

      {viewer.canManage && (
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
      )}

      {(viewer.canManage || viewer.enrolled) && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Scores" testId="course-scores">
            {course.scores.length === 0 ? (
              <Empty>No scores yet.</Empty>
            ) : (
              <Table
                head={
                  viewer.canManage ? ["Student", "Assessment", "Score"] : ["Assessment", "Score"]
                }
              >
                {course.scores.map((s) => (
                  <tr key={s.id}>
                    {viewer.canManage && <td className="py-2 pr-4">{s.studentName}</td>}
                    <td className="py-2 pr-4">{s.title}</td>
                    <td className="py-2 pr-4">
                      {viewer.isTeacher ? (
                        <EditScore key={`${s.id}-${s.score}`} score={s} onSaved={refresh} />
                      ) : (
                        `${s.score}/${s.maxScore}`
                      )}
                    </td>
                  </tr>
                ))}
              </Table>
            )}
          </Card>
          <Card title="Attendance record">
            {course.attendance.length === 0 ? (
              <Empty>No attendance recorded yet.</Empty>
            ) : (
              <Table head={viewer.canManage ? ["Date", "Student", "Status"] : ["Date", "Status"]}>
                {course.attendance.slice(0, 30).map((a) => (
                  <tr key={a.id}>
                    <td className="py-2 pr-4">{formatDate(a.date)}</td>
                    {viewer.canManage && <td className="py-2 pr-4">{a.studentName}</td>}
                    <td className="py-2 pr-4">
                      <Badge value={a.status} />
                    </td>
                  </tr>
                ))}
              </Table>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
