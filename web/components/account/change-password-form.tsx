"use client";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslations } from "next-intl";
import { zodResolver } from "@hookform/resolvers/zod";
import { api } from "@/lib/api-client";
import { ApiError } from "@/lib/fetch-json";
import { passwordChangeFormSchema } from "@/lib/form-account";
import { whileRenewingSession } from "@/hooks/use-session-guard";
import { useServerErrors } from "@/hooks/use-api-form";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { NewPasswordFields } from "./new-password-fields";

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };
const EMPTY: Values = { currentPassword: "", newPassword: "", confirmPassword: "" };

/** Any signed-in user changes their password; their other sessions end (server side). */
export function ChangePasswordForm() {
  const t = useTranslations("account.password");
  const [done, setDone] = useState(false);
  const form = useForm<Values, unknown, { currentPassword: string; newPassword: string }>({
    resolver: zodResolver(passwordChangeFormSchema),
    defaultValues: EMPTY,
  });
  const server = useServerErrors(form, {
    currentPassword: "currentPassword",
    newPassword: "newPassword",
  });
  const { errors, isSubmitting } = form.formState;
  const [next, confirmation] = useWatch({
    control: form.control,
    name: ["newPassword", "confirmPassword"],
  });

  const current = form.register("currentPassword", { onChange: () => setDone(false) });

  const submit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    server.clear();
    setDone(false);
    try {
      await whileRenewingSession(() => api.changePassword(currentPassword, newPassword));
    } catch (error) {
      if (error instanceof ApiError && error.status === 403)
        form.setError(
          "currentPassword",
          { type: "server", message: t("wrongCurrent") },
          { shouldFocus: true },
        );
      else server.show(error);
      return;
    }
    setDone(true);
    form.reset(EMPTY);
  });

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => void submit(event)}
      data-testid="change-password-form"
      noValidate
    >
      {done && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t("changed")}
        </p>
      )}
      <FormMessage error={server.message} />
      <TextField
        label={t("current")}
        type="password"
        autoComplete="current-password"
        {...current}
        error={errors.currentPassword?.message}
      />
      <NewPasswordFields
        password={next}
        confirmation={confirmation}
        fields={{
          password: form.register("newPassword"),
          confirmation: form.register("confirmPassword"),
        }}
        errors={{
          password: errors.newPassword?.message,
          confirmation: errors.confirmPassword?.message,
        }}
      />
      <button
        type="submit"
        disabled={isSubmitting}
        className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {isSubmitting ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
