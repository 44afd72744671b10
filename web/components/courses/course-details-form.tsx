"use client";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

/** The course's teacher (or an admin) edits its title and description in place. */
export function CourseDetailsForm({
  course,
  onSaved,
  onCancel,
}: {
  course: { id: string; title: string; description: string };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(course.title);
  const [description, setDescription] = useState(course.description);
  const save = useAction(api.updateCourse, { success: "Course details saved", onSuccess: onSaved });
  const changes = {
    ...(title.trim() !== course.title ? { title: title.trim() } : {}),
    ...(description.trim() !== course.description ? { description: description.trim() } : {}),
  };
  return (
    <Form
      className="w-full max-w-2xl space-y-3"
      testId="course-details-form"
      onSubmit={() => save.run(course.id, changes)}
    >
      <Field
        label="Course title"
        name="title"
        required
        autoFocus
        maxLength={200}
        value={title}
        onValueChange={setTitle}
      />
      <Field
        label="Description"
        name="description"
        multiline
        maxLength={5000}
        value={description}
        onValueChange={setDescription}
      />
      <div className="flex gap-2">
        <Button
          type="submit"
          disabled={save.pending || !title.trim() || Object.keys(changes).length === 0}
        >
          {save.pending ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={save.pending}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
