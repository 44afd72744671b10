"use client";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { apiFieldErrors, sentence } from "@/lib/form-errors";
import { ApiError } from "@/lib/fetch-json";
import { scoreEditSchema } from "@/lib/form-validation";
import { useErrorText } from "@/lib/validation-messages";
import { Button } from "@/components/ui/button";

type Score = CourseView["scores"][number];

/**
 * The teacher corrects one recorded score in place. A refused value never stays in the input:
 * it goes back to the recorded score and the message says why, and what the score still is.
 */
export function EditScoreForm({ score, onSaved }: { score: Score; onSaved: () => void }) {
  const saved = String(score.score);
  const [schema] = useState(() => scoreEditSchema(score.maxScore));
  const [problem, setProblem] = useState<string>();
  const errorText = useErrorText();
  const form = useForm<{ score: string }, unknown, { score?: number }>({
    resolver: zodResolver(schema),
    defaultValues: { score: saved },
  });
  const id = useId();
  const refuse = (typed: string, why: string) => {
    form.reset({ score: saved });
    setProblem(`${typed.trim() || "An empty score"}: ${sentence(why)} The score stays ${saved}.`);
  };
  const submit = form.handleSubmit(
    async (body) => {
      setProblem(undefined);
      if (body.score === score.score) return; // unchanged: nothing to save
      try {
        await api.updateScore(score.id, body);
      } catch (error) {
        const field = error instanceof ApiError ? apiFieldErrors(error)[0] : undefined;
        refuse(form.getValues("score"), field?.message ?? errorText(error));
        return;
      }
      toast.success("Score updated");
      onSaved();
    },
    (errors) => refuse(form.getValues("score"), errors.score?.message ?? "Not a score."),
  );
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="min-w-0">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Score for {score.studentName}, {score.title}
        </label>
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          {...form.register("score", { onChange: () => setProblem(undefined) })}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          className={`block w-24 rounded-md border px-2.5 py-2 text-sm shadow-sm focus:ring-2 focus:outline-none ${problem ? "border-red-600 focus:ring-red-100" : "border-slate-300 focus:border-brand-600 focus:ring-brand-100"}`}
        />
        <span className="shrink-0 text-slate-600">/ {score.maxScore}</span>
        <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Update"}
        </Button>
      </div>
      {problem && (
        <p
          id={`${id}-problem`}
          role="alert"
          className="mt-1 text-xs font-medium text-red-700"
          data-testid="score-error"
        >
          {problem}
        </p>
      )}
    </form>
  );
}
