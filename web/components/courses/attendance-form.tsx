"use client";
import { useState } from "react";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { ATTENDANCE_STATUSES } from "@/lib/domain";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

const today = () => new Date().toISOString().slice(0, 10);

/** The teacher marks each student of the roster for a date (today unless changed). */
export function AttendanceForm({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const { run, pending } = useAction(api.markAttendance, { onSuccess: onSaved });
  const [date, setDate] = useState(today);
  const marked = new Map(
    course.attendance.filter((a) => a.date === date).map((a) => [a.studentId, a.status]),
  );
  return (
    <div className="space-y-3" data-testid="attendance-form">
      <Field
        label="Date"
        className="max-w-xs"
        type="date"
        value={date}
        onValueChange={setDate}
        name="date"
      />
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
                    onClick={() =>
                      void run({ studentId: student.id, courseId: course.id, date, status })
                    }
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
