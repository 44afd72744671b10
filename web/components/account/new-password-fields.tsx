"use client";
import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslations } from "next-intl";
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
  label,
}: {
  password: string;
  confirmation: string;
  fields: { password: UseFormRegisterReturn; confirmation: UseFormRegisterReturn };
  errors: { password?: string; confirmation?: string };
  /** The first field's label; "New password" by default. */
  label?: string;
}) {
  const t = useTranslations("account.newPassword");
  const rulesId = useId();
  // Said as soon as the second one is typed, not only on submit.
  const mismatch = confirmation !== "" && confirmation !== password;
  return (
    <>
      <PasswordRules id={rulesId} password={password} />
      <TextField
        label={label ?? t("label")}
        type="password"
        autoComplete="new-password"
        aria-describedby={rulesId}
        {...fields.password}
        error={errors.password}
      />
      <TextField
        label={t("repeat")}
        type="password"
        autoComplete="new-password"
        {...fields.confirmation}
        error={errors.confirmation ?? (mismatch ? t("mismatch") : undefined)}
      />
    </>
  );
}
