"use client";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { api } from "@/lib/api-client";
import { announcementBody } from "@/lib/validation";
import { useServerErrors } from "@/hooks/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage, TextField } from "@/components/ui/form-field";

type Values = { title: string; message: string };
const EMPTY: Values = { title: "", message: "" };

/** The admin posts an announcement to everyone; the limits are announcementBody's. */
export function AnnouncementComposer({ onPosted }: { onPosted: () => void }) {
  const t = useTranslations("admin.announcement");
  const form = useForm<Values>({ resolver: zodResolver(announcementBody), defaultValues: EMPTY });
  const server = useServerErrors(form, { title: "title", message: "message" });
  const { errors, isSubmitting } = form.formState;
  const titleField = form.register("title");
  const messageField = form.register("message");
  const submit = form.handleSubmit(async ({ title, message }) => {
    server.clear();
    try {
      await api.postAnnouncement(title, message);
    } catch (error) {
      server.show(error);
      return;
    }
    toast.success(t("posted"));
    form.reset(EMPTY);
    onPosted();
  });
  return (
    <Card title={t("title")}>
      <form
        noValidate
        className="space-y-3"
        data-testid="announcement-form"
        onSubmit={(event) => void submit(event)}
      >
        <TextField
          label={t("titleLabel")}
          hideLabel
          placeholder={t("titlePlaceholder")}
          maxLength={200}
          {...titleField}
          error={errors.title?.message}
        />
        <TextField
          label={t("messageLabel")}
          hideLabel
          multiline
          placeholder={t("messagePlaceholder")}
          maxLength={5000}
          {...messageField}
          error={errors.message?.message}
        />
        <FormMessage error={server.message} />
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("submitting") : t("submit")}
        </Button>
      </form>
    </Card>
  );
}
