"use client";
import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/form-field";
import { PasswordRules } from "./password-rules";

/**
 * The new password and its confirmation (react-hook-form registrations), with the policy shown
 * above them and judged live against `password`, the value typed so far.
 */
export function NewPasswordFields({
  password,
  confirmation,
  fields,
  errors,
  label = "New password",
}: {
  password: string;
  confirmation: string;
  fields: { password: UseFormRegisterReturn; confirmation: UseFormRegisterReturn };
  errors: { password?: string; confirmation?: string };
  label?: string;
}) {
  const rulesId = useId();
  // Said as soon as the second one is typed, not only on submit.
  const mismatch = confirmation !== "" && confirmation !== password;
  return (
    <>
      <PasswordRules id={rulesId} password={password} />
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        aria-describedby={rulesId}
        {...fields.password}
        error={errors.password}
      />
      <TextField
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        {...fields.confirmation}
        error={errors.confirmation ?? (mismatch ? "The two passwords differ." : undefined)}
      />
    </>
  );
}
