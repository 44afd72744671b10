"use client";
import { useId } from "react";
import { Field } from "@/components/ui/field";
import { PasswordRules } from "./password-rules";

/** The new password and its confirmation, with the policy shown above them. */
export function NewPasswordFields({
  password,
  confirmation,
  onPassword,
  onConfirmation,
  error,
  label = "New password",
}: {
  password: string;
  confirmation: string;
  onPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
  error?: string;
  label?: string;
}) {
  const rulesId = useId();
  const mismatch = confirmation !== "" && confirmation !== password;
  return (
    <>
      <PasswordRules id={rulesId} password={password} />
      <Field
        label={label}
        name="newPassword"
        type="password"
        size="md"
        autoComplete="new-password"
        required
        value={password}
        error={error}
        aria-describedby={rulesId}
        aria-invalid={error ? true : undefined}
        onValueChange={onPassword}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        size="md"
        autoComplete="new-password"
        required
        value={confirmation}
        error={mismatch ? "The two passwords differ." : undefined}
        aria-invalid={mismatch ? true : undefined}
        onValueChange={onConfirmation}
      />
    </>
  );
}

/** True when the pair can be submitted (the policy itself is checked by the caller). */
export const passwordsMatch = (password: string, confirmation: string) =>
  password !== "" && password === confirmation;
