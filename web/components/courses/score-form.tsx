"use client";
import { useState } from "react";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { numberInput, SelectField, Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

/** The teacher records a score for one student of the roster. */
export function ScoreForm({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const { run, pending } = useAction(api.createScore, {
    success: "Score saved",
    onSuccess: onSaved,
  });
  const [studentId, setStudentId] = useState(course.roster[0]?.id ?? "");
  return (
    <Form
      className="grid gap-3 sm:grid-cols-5"
      testId="score-form"
      onSubmit={(form) =>
        run({
          studentId,
          courseId: course.id,
          title: String(form.get("title") || "") || undefined,
          score: Number(form.get("score")),
          maxScore: Number(form.get("maxScore")),
        })
      }
    >
      <SelectField
        label="Student"
        className="sm:col-span-2"
        name="studentId"
        value={studentId}
        onValueChange={setStudentId}
        options={course.roster.map((s) => ({ value: s.id, label: s.name }))}
      />
      <Field label="Assessment" name="title" placeholder="Quiz 1" maxLength={200} />
      <Field label="Score" name="score" {...numberInput} required />
      <Field label="Out of" name="maxScore" {...numberInput} defaultValue={100} required />
      <div className="sm:col-span-5">
        <Button type="submit" disabled={pending || !studentId}>
          {pending ? "Saving…" : "Save score"}
        </Button>
      </div>
    </Form>
  );
}
