"use client";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { signInAction, type SignInState } from "./actions";

// The two fields differ only in these (password managers go by name and autoComplete).
const FIELDS = [
  { label: "Email", name: "email", type: "email", autoComplete: "username" },
  { label: "Password", name: "password", type: "password", autoComplete: "current-password" },
] as const;

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string;
  initialError?: string;
}) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {
    error: initialError,
  });
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      {FIELDS.map((field) => (
        <Field
          key={field.name}
          size="md"
          required
          {...field}
          // A refused attempt keeps the email, never the password.
          defaultValue={field.name === "email" ? state.email : undefined}
        />
      ))}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
