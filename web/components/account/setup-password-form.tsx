"use client";
import { Link } from "@/i18n/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslations } from "next-intl";
import { zodResolver } from "@hookform/resolvers/zod";
import { api } from "@/lib/api-client";
import { ApiError } from "@/lib/fetch-json";
import { setupFormSchema } from "@/lib/form-account";
import { useServerErrors } from "@/hooks/use-api-form";
import { FormMessage } from "@/components/ui/form-field";
import { NewPasswordFields } from "./new-password-fields";

/** What the page shows when its link cannot be used (any more). */
export function SetupLinkGone() {
  const t = useTranslations("auth.setup.gone");
  return (
    <div role="alert" data-testid="setup-link-gone" className="space-y-3">
      <h2 className="text-lg font-semibold text-slate-900">{t("heading")}</h2>
      <p className="text-sm text-slate-600">{t("text")}</p>
      <Link href="/sign-in" className="inline-block text-sm font-medium text-brand-700 underline">
        {t("signIn")}
      </Link>
    </div>
  );
}

/** The first password of an account created without one, through its one-time link. */
export function SetupPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth.setup");
  const [state, setState] = useState<"form" | "done" | "gone">("form");
  const [email, setEmail] = useState("");
  const [schema] = useState(() => setupFormSchema(token));
  const form = useForm<
    { password: string; confirmPassword: string },
    unknown,
    { token: string; password: string }
  >({ resolver: zodResolver(schema), defaultValues: { password: "", confirmPassword: "" } });
  const server = useServerErrors(form, { password: "password" });
  const { errors, isSubmitting } = form.formState;
  const [password, confirmation] = useWatch({
    control: form.control,
    name: ["password", "confirmPassword"],
  });

  const submit = form.handleSubmit(async (body) => {
    server.clear();
    try {
      const account = await api.setupPassword(body.token, body.password);
      setEmail(account.email);
      setState("done");
    } catch (failure) {
      if (failure instanceof ApiError && (failure.status === 410 || /token/.test(failure.message)))
        setState("gone");
      else server.show(failure);
    }
  });

  if (state === "gone") return <SetupLinkGone />;
  if (state === "done")
    return (
      <div role="status" data-testid="setup-done" className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-900">{t("done.heading")}</h2>
        <p className="text-sm text-slate-600">
          {t("done.text", { email: email || t("done.yourEmail") })}
        </p>
        <Link
          href="/sign-in"
          className="inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          {t("done.signIn")}
        </Link>
      </div>
    );
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => void submit(event)}
      data-testid="setup-form"
      noValidate
    >
      <FormMessage error={server.message} />
      <NewPasswordFields
        label={t("password")}
        password={password}
        confirmation={confirmation}
        fields={{
          password: form.register("password"),
          confirmation: form.register("confirmPassword"),
        }}
        errors={{
          password: errors.password?.message,
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
