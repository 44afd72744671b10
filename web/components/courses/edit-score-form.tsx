"use client";
import { useState } from "react";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Field, numberInput } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

/** The teacher corrects one recorded score in place. */
export function EditScoreForm({
  score,
  onSaved,
}: {
  score: CourseView["scores"][number];
  onSaved: () => void;
}) {
  const { run, pending } = useAction(api.updateScore, {
    success: "Score updated",
    onSuccess: onSaved,
  });
  const [value, setValue] = useState(String(score.score));
  return (
    <Form
      className="flex items-center gap-1"
      onSubmit={() => run(score.id, { score: Number(value) })}
    >
      <Field
        label={`Score for ${score.studentName}`}
        hideLabel
        className="w-20"
        {...numberInput}
        value={value}
        onValueChange={setValue}
      />
      <span className="text-slate-600">/{score.maxScore}</span>
      <Button type="submit" variant="secondary" disabled={pending || value === String(score.score)}>
        Update
      </Button>
    </Form>
  );
}
