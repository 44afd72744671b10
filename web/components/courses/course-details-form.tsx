"use client";
import { useForm } from "react-hook-form";
import { useTranslations } from "next-intl";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { api } from "@/lib/api-client";
import { courseDetailsSchema } from "@/lib/form-validation";
import { useServerErrors } from "@/hooks/use-api-form";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/form-field";

type Values = { title: string; description: string };

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
  const t = useTranslations("courses.details");
  const form = useForm<Values>({
    resolver: zodResolver(courseDetailsSchema),
    defaultValues: { title: course.title, description: course.description },
  });
  const fields = { title: form.register("title"), description: form.register("description") };
  const server = useServerErrors(form, { title: "title", description: "description" });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ title, description }) => {
    const changes = {
      ...(title !== course.title ? { title } : {}),
      ...(description !== course.description ? { description } : {}),
    };
    if (Object.keys(changes).length === 0) return onCancel();
    server.clear();
    try {
      await api.updateCourse(course.id, changes);
    } catch (error) {
      server.show(error);
      return;
    }
    toast.success(t("saved"));
    onSaved();
  });
  return (
    <form
      noValidate
      className="w-full max-w-2xl space-y-3"
      data-testid="course-details-form"
      onSubmit={(event) => void submit(event)}
    >
      <TextField
        label={t("title")}
        autoFocus
        maxLength={200}
        {...fields.title}
        error={errors.title?.message}
      />
      <TextField
        label={t("description")}
        multiline
        maxLength={5000}
        {...fields.description}
        error={errors.description?.message}
      />
      <FormMessage error={server.message} />
      <div className="flex gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("saving") : t("save")}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
