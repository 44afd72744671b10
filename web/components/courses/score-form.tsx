"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "next-intl";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { CourseView } from "@/server/services/courses";
import { api } from "@/lib/api-client";
import { scoreFormSchema } from "@/lib/form-validation";
import { useServerErrors } from "@/hooks/use-api-form";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectInput, TextField } from "@/components/ui/form-field";

type Values = { studentId: string; title: string; score: string; maxScore: string };
type Body = Parameters<typeof api.createScore>[0];

/** The teacher records a score for one student of the roster; problems show by their field. */
export function ScoreForm({ course, onSaved }: { course: CourseView; onSaved: () => void }) {
  const t = useTranslations("courses.scoreForm");
  const [schema] = useState(() => scoreFormSchema(course.id));
  const form = useForm<Values, unknown, Body>({
    resolver: zodResolver(schema),
    defaultValues: { studentId: course.roster[0]?.id ?? "", title: "", score: "", maxScore: "100" },
  });
  const fields = {
    studentId: form.register("studentId"),
    title: form.register("title"),
    score: form.register("score"),
    maxScore: form.register("maxScore"),
  };
  const server = useServerErrors(form, {
    studentId: "studentId",
    title: "title",
    score: "score",
    maxScore: "maxScore",
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (body) => {
    server.clear();
    try {
      await api.createScore(body);
    } catch (error) {
      server.show(error);
      return;
    }
    toast.success(t("saved"));
    form.reset({ ...form.getValues(), title: "", score: "" });
    onSaved();
  });
  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_6rem_6rem]"
      data-testid="score-form"
    >
      <SelectInput
        label={t("student")}
        {...fields.studentId}
        options={course.roster.map((s) => ({ value: s.id, label: s.name }))}
        error={errors.studentId?.message}
      />
      <TextField
        label={t("assessment")}
        placeholder={t("assessmentPlaceholder")}
        maxLength={200}
        {...fields.title}
        error={errors.title?.message}
      />
      <TextField
        label={t("score")}
        inputMode="decimal"
        autoComplete="off"
        {...fields.score}
        error={errors.score?.message}
      />
      <TextField
        label={t("outOf")}
        inputMode="decimal"
        autoComplete="off"
        {...fields.maxScore}
        error={errors.maxScore?.message}
      />
      <div className="space-y-2 sm:col-span-2 lg:col-span-4">
        <FormMessage error={server.message} />
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("saving") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
