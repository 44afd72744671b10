"use client";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "next-intl";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { apiFieldErrors, sentence } from "@/lib/form-errors";
import { ApiError } from "@/lib/fetch-json";
import { scoreEditSchema } from "@/lib/form-validation";
import { useFormat } from "@/hooks/use-format";
import { useErrorText, useRuleText } from "@/lib/validation-messages";
import { Button } from "@/components/ui/button";

type Score = CourseView["scores"][number];

/**
 * The teacher corrects one recorded score in place. A refused value never stays in the input:
 * it goes back to the recorded score and the message says why, and what the score still is.
 */
export function EditScoreForm({ score, onSaved }: { score: Score; onSaved: () => void }) {
  const t = useTranslations("courses.editScore");
  const f = useFormat();
  const saved = String(score.score);
  const [schema] = useState(() => scoreEditSchema(score.maxScore));
  const [problem, setProblem] = useState<string>();
  const errorText = useErrorText();
  const ruleText = useRuleText();
  const form = useForm<{ score: string }, unknown, { score?: number }>({
    resolver: zodResolver(schema),
    defaultValues: { score: saved },
  });
  const scoreField = form.register("score", { onChange: () => setProblem(undefined) });
  const id = useId();
  const refuse = (typed: string, why: string) => {
    form.reset({ score: saved });
    setProblem(
      t("refused", { typed: typed.trim() || t("emptyScore"), why: sentence(ruleText(why)), saved }),
    );
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
      toast.success(t("updated"));
      onSaved();
    },
    (errors) => refuse(form.getValues("score"), errors.score?.message ?? t("notAScore")),
  );
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="min-w-0">
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          {t("label", { student: score.studentName, assessment: score.title })}
        </label>
        <input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          {...scoreField}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          className={`block w-24 rounded-md border px-2.5 py-2 text-sm shadow-sm focus:ring-2 focus:outline-none ${problem ? "border-red-600 focus:ring-red-100" : "border-slate-300 focus:border-brand-600 focus:ring-brand-100"}`}
        />
        <span className="shrink-0 text-slate-600">
          {t("outOf", { max: f.number(score.maxScore) })}
        </span>
        <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("saving") : t("update")}
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
