"use client";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { ApiError } from "@/lib/fetch-json";
import { whileRenewingSession } from "@/hooks/use-session-guard";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { passwordProblem } from "./password-rules";
import { NewPasswordFields, passwordsMatch } from "./new-password-fields";

type Errors = { current?: string; next?: string; form?: string };

/** Any signed-in user changes their password; their other sessions end (server side). */
export function ChangePasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async () => {
    const problem = passwordProblem(next);
    if (problem) return setErrors({ next: problem });
    setPending(true);
    setErrors({});
    try {
      await whileRenewingSession(() => api.changePassword(current, next));
      setDone(true);
      setCurrent("");
      setNext("");
      setConfirmation("");
    } catch (error) {
      if (error instanceof ApiError && error.status === 403)
        setErrors({ current: "This is not your current password." });
      else if (error instanceof ApiError && /newPassword/.test(error.message))
        setErrors({ next: error.message });
      else setErrors({ form: error instanceof ApiError ? error.message : "Something went wrong." });
    } finally {
      setPending(false);
    }
  };

  return (
    <Form className="space-y-4" onSubmit={submit} testId="change-password-form" noValidate>
      {done && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Your password has been changed. Your other signed-in devices have been signed out.
        </p>
      )}
      {errors.form && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.form}
        </p>
      )}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        size="md"
        autoComplete="current-password"
        required
        value={current}
        error={errors.current}
        aria-invalid={errors.current ? true : undefined}
        onValueChange={(value) => {
          setCurrent(value);
          setDone(false);
        }}
      />
      <NewPasswordFields
        password={next}
        confirmation={confirmation}
        onPassword={setNext}
        onConfirmation={setConfirmation}
        error={errors.next}
      />
      <button
        type="submit"
        disabled={pending || !current || !passwordsMatch(next, confirmation)}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Changing…" : "Change password"}
      </button>
    </Form>
  );
}
