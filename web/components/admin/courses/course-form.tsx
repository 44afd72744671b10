"use client";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { TeacherSelect } from "./teacher-select";

type CourseDraft = { title: string; description: string; teacherId: string };

/** Creates a course, or edits one (`course` given): title, description and its teacher. */
export function CourseForm({
  course,
  onSaved,
  onCancel,
}: {
  course?: CourseDraft & { id: string; teacherName: string };
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const empty = { title: "", description: "", teacherId: "" };
  const [draft, setDraft] = useState<CourseDraft>(course ?? empty);
  const create = useAction(api.createCourse, {
    success: `Course “${draft.title.trim()}” created`,
    onSuccess: () => {
      setDraft(empty);
      onSaved();
    },
  });
  const update = useAction(api.updateCourse, { success: "Course saved", onSuccess: onSaved });
  const pending = create.pending || update.pending;
  const title = draft.title.trim();
  const description = draft.description.trim();
  const submit = () => {
    if (!course) return create.run({ title, description, teacherId: draft.teacherId });
    const changes = {
      ...(title !== course.title ? { title } : {}),
      ...(description !== course.description ? { description } : {}),
      ...(draft.teacherId !== course.teacherId ? { teacherId: draft.teacherId } : {}),
    };
    return Object.keys(changes).length ? update.run(course.id, changes) : onCancel?.();
  };
  return (
    <Form
      className="grid gap-3 md:grid-cols-2"
      onSubmit={submit}
      testId={course ? `edit-course-${course.id}` : "create-course-form"}
    >
      <Field
        label="Title"
        name="title"
        required
        maxLength={200}
        autoFocus={Boolean(course)}
        value={draft.title}
        onValueChange={(value) => setDraft((d) => ({ ...d, title: value }))}
      />
      <TeacherSelect
        value={draft.teacherId}
        current={course && { id: course.teacherId, name: course.teacherName }}
        onValueChange={(teacherId) => setDraft((d) => ({ ...d, teacherId }))}
      />
      <Field
        label="Description"
        name="description"
        multiline
        className="md:col-span-2"
        maxLength={5000}
        value={draft.description}
        onValueChange={(value) => setDraft((d) => ({ ...d, description: value }))}
      />
      <div className="flex gap-2 md:col-span-2">
        <Button type="submit" disabled={pending || !title || !draft.teacherId}>
          {pending ? "Saving…" : course ? "Save course" : "Create course"}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        )}
      </div>
    </Form>
  );
}
