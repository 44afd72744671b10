"use client";
import { useActionState, useEffect, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "next-intl";
import { zodResolver } from "@hookform/resolvers/zod";
import { FormMessage, TextField } from "@/components/ui/form-field";
import { signInFormSchema } from "@/lib/form-account";
import { signInAction, type SignInState } from "./actions";

type Values = { email: string; password: string };

/**
 * Sign-in through Auth.js's server action. The fields are checked first (messages by the
 * fields); only then is the form posted to the action. Before hydration the form posts to the
 * action by itself, so signing in never waits for the script.
 */
export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string;
  initialError?: string;
}) {
  const t = useTranslations("auth.signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {
    error: initialError,
  });
  const [, startTransition] = useTransition();
  const form = useForm<Values, unknown, unknown>({
    resolver: zodResolver(signInFormSchema),
    defaultValues: { email: state.email ?? "", password: "" },
  });
  const { errors } = form.formState;
  const inputs = { email: form.register("email"), password: form.register("password") };
  // A refused attempt keeps the email, never the password.
  useEffect(() => {
    if (state.error) form.setValue("password", "");
  }, [state, form]);

  return (
    <form
      action={action}
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        // Checked here first; the action runs only for a valid form.
        event.preventDefault();
        const fields = new FormData(event.currentTarget);
        void form.handleSubmit(() => startTransition(() => action(fields)))();
      }}
    >
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormMessage error={state.error} />
      <TextField
        label={t("email")}
        type="email"
        autoComplete="username"
        {...inputs.email}
        error={errors.email?.message}
      />
      <TextField
        label={t("password")}
        type="password"
        autoComplete="current-password"
        {...inputs.password}
        error={errors.password?.message}
      />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
