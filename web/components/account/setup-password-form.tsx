"use client";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { ApiError } from "@/lib/fetch-json";
import { Form } from "@/components/ui/form";
import { passwordProblem } from "./password-rules";
import { NewPasswordFields, passwordsMatch } from "./new-password-fields";

/** What the page shows when its link cannot be used (any more). */
export function SetupLinkGone() {
  return (
    <div role="alert" data-testid="setup-link-gone" className="space-y-3">
      <h2 className="text-lg font-semibold text-slate-900">This link was used or has expired</h2>
      <p className="text-sm text-slate-600">
        A setup link works once and for 72 hours. Ask your school&apos;s administrator for a new
        one, or sign in if you have already set your password.
      </p>
      <Link href="/sign-in" className="inline-block text-sm font-medium text-brand-700 underline">
        Go to sign-in
      </Link>
    </div>
  );
}

/** The first password of an account created without one, through its one-time link. */
export function SetupPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<string>();
  const [state, setState] = useState<"form" | "pending" | "done" | "gone">("form");
  const [email, setEmail] = useState("");

  const submit = async () => {
    const problem = passwordProblem(password);
    if (problem) return setError(problem);
    setState("pending");
    setError(undefined);
    try {
      const account = await api.setupPassword(token, password);
      setEmail(account.email);
      setState("done");
    } catch (failure) {
      if (failure instanceof ApiError && (failure.status === 410 || /token/.test(failure.message)))
        return setState("gone");
      setError(failure instanceof ApiError ? failure.message : "Something went wrong. Try again.");
      setState("form");
    }
  };

  if (state === "gone") return <SetupLinkGone />;
  if (state === "done")
    return (
      <div role="status" data-testid="setup-done" className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-900">Your password is set</h2>
        <p className="text-sm text-slate-600">
          Sign in with {email || "your e-mail"} and the new password.
        </p>
        <Link
          href="/sign-in"
          className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          Sign in
        </Link>
      </div>
    );
  return (
    <Form className="space-y-4" onSubmit={submit} testId="setup-form" noValidate>
      <NewPasswordFields
        label="Password"
        password={password}
        confirmation={confirmation}
        onPassword={setPassword}
        onConfirmation={setConfirmation}
        error={error}
      />
      <button
        type="submit"
        disabled={state === "pending" || !passwordsMatch(password, confirmation)}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {state === "pending" ? "Saving…" : "Set my password"}
      </button>
    </Form>
  );
}
