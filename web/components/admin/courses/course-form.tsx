"use client";
import { useTranslations } from "next-intl";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { useLocale } from "next-intl";
import { api } from "@/lib/api-client";
import { centsToAmountText } from "@/lib/format";
import { courseFormSchemaFor } from "@/lib/form-validation";
import { useServerErrors } from "@/hooks/use-api-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { TeacherSelect } from "./teacher-select";

type Values = { title: string; description: string; teacherId: string; price: string };
type Course = {
  id: string;
  title: string;
  description: string;
  teacherId: string;
  teacherName: string;
  priceCents: number;
};

/** Creates a course, or edits one (`course` given): title, description, teacher and price. */
export function CourseForm({
  course,
  onSaved,
  onCancel,
}: {
  course?: Course;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("admin.courseForm");
  const empty: Values = { title: "", description: "", teacherId: "", price: "" };
  const locale = useLocale();
  const form = useForm<
    Values,
    unknown,
    { title: string; description: string; teacherId: string; price: number }
  >({
    resolver: zodResolver(courseFormSchemaFor(locale)),
    defaultValues: course
      ? { ...course, price: centsToAmountText(course.priceCents, locale) }
      : empty,
  });
  const server = useServerErrors(form, {
    title: "title",
    description: "description",
    teacherId: "teacherId",
    priceCents: "price",
  });
  const { errors, isSubmitting } = form.formState;
  const titleField = form.register("title");
  const descriptionField = form.register("description");
  const priceField = form.register("price");

  const submit = form.handleSubmit(async ({ title, description, teacherId, price }) => {
    server.clear();
    try {
      if (!course) {
        await api.createCourse({ title, description, teacherId, priceCents: price });
        toast.success(t("created", { title }));
        form.reset(empty);
      } else {
        const changes = {
          ...(title !== course.title ? { title } : {}),
          ...(description !== course.description ? { description } : {}),
          ...(teacherId !== course.teacherId ? { teacherId } : {}),
          ...(price !== course.priceCents ? { priceCents: price } : {}),
        };
        if (Object.keys(changes).length === 0) return onCancel?.();
        await api.updateCourse(course.id, changes);
        toast.success(t("saved"));
      }
    } catch (error) {
      server.show(error);
      return;
    }
    onSaved();
  });

  return (
    <form
      noValidate
      className="grid gap-3 md:grid-cols-2"
      onSubmit={(event) => void submit(event)}
      data-testid={course ? `edit-course-${course.id}` : "create-course-form"}
    >
      <TextField
        label={t("title")}
        maxLength={200}
        autoFocus={Boolean(course)}
        {...titleField}
        error={errors.title?.message}
      />
      <Controller
        control={form.control}
        name="teacherId"
        render={({ field, fieldState }) => (
          <TeacherSelect
            value={field.value}
            current={course && { id: course.teacherId, name: course.teacherName }}
            onValueChange={field.onChange}
            error={fieldState.error?.message}
          />
        )}
      />
      <TextField
        label={t("description")}
        multiline
        className="md:col-span-2"
        maxLength={5000}
        {...descriptionField}
        error={errors.description?.message}
      />
      <TextField
        label={t("price")}
        inputMode="decimal"
        autoComplete="off"
        placeholder={centsToAmountText(45_000, locale)}
        hint={t("priceHint")}
        {...priceField}
        error={errors.price?.message}
        testId="course-price"
      />
      <div className="space-y-2 md:col-span-2">
        <FormMessage error={server.message} />
        <div className="flex gap-2">
          <Button type="submit" disabled={isSubmitting}>
            {isSubmitting ? t("saving") : course ? t("save") : t("create")}
          </Button>
          {onCancel && (
            <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
              {t("cancel")}
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
