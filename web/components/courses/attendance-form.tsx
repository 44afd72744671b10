"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "@/lib/domain";
import { useErrorText } from "@/lib/validation-messages";
import { dateSchema } from "@/lib/validation";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-field";
import { StackedTable } from "@/components/ui/stacked-table";

const today = () => new Date().toISOString().slice(0, 10);
const dateForm = z.object({ date: dateSchema });
type Student = CourseView["roster"][number];

/**
 * The teacher marks each student of the roster for a date (today unless changed); a refused
 * mark is said on that student's row.
 */
export function AttendanceForm({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const t = useTranslations("courses.attendanceForm");
  const tStatus = useTranslations("courses.attendanceStatus");
  const form = useForm<{ date: string }>({
    resolver: zodResolver(dateForm),
    mode: "onChange",
    defaultValues: { date: today() },
  });
  const dateField = form.register("date");
  const date = useWatch({ control: form.control, name: "date" });
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const errorText = useErrorText();
  const marked = new Map(
    course.attendance.filter((a) => a.date === date).map((a) => [a.studentId, a.status]),
  );
  const dateError = form.formState.errors.date?.message;

  const mark = (student: Student, status: AttendanceStatus) =>
    form.handleSubmit(async ({ date: day }) => {
      setBusy(student.id);
      setProblems(({ [student.id]: _, ...rest }) => rest);
      try {
        await api.markAttendance({ studentId: student.id, courseId: course.id, date: day, status });
        onSaved();
      } catch (error) {
        setProblems((p) => ({ ...p, [student.id]: errorText(error) }));
      } finally {
        setBusy(null);
      }
    })();

  return (
    <div className="space-y-3" data-testid="attendance-form">
      <TextField
        label={t("date")}
        className="max-w-xs"
        type="date"
        {...dateField}
        error={dateError}
      />
      <StackedTable
        caption={t("caption")}
        rows={course.roster}
        columns={[
          { head: t("student"), cell: (student) => student.name },
          {
            head: t("status"),
            cell: (student) => (
              <div className="flex flex-col items-end gap-1 md:items-start">
                <div className="flex flex-wrap justify-end gap-1 md:justify-start">
                  {ATTENDANCE_STATUSES.map((status) => (
                    <Button
                      key={status}
                      variant={marked.get(student.id) === status ? "primary" : "secondary"}
                      disabled={busy !== null || Boolean(dateError)}
                      aria-pressed={marked.get(student.id) === status}
                      data-testid={`attendance-${student.id}-${status}`}
                      onClick={() => void mark(student, status)}
                    >
                      {tStatus(status)}
                    </Button>
                  ))}
                </div>
                {problems[student.id] && (
                  <p role="alert" className="text-xs font-medium text-red-700">
                    {problems[student.id]}
                  </p>
                )}
              </div>
            ),
          },
        ]}
      />
      {dateError && (
        <p className="text-xs text-slate-600" data-testid="disabled-reason">
          {t("invalidDate")}
        </p>
      )}
    </div>
  );
}
