"use client";
import { useTranslations } from "next-intl";
import { checkPassword, PASSWORD_RULE_KEYS } from "@/lib/password-policy";

/**
 * The password policy, shown before submitting, and how `password` fares against it (live,
 * announced politely). `id` is for the field's aria-describedby.
 */
export function PasswordRules({ id, password }: { id: string; password: string }) {
  const t = useTranslations("account.rules");
  const tv = useTranslations("validation.password");
  const result = password ? checkPassword(password) : null;
  return (
    <div id={id} className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
      <p className="font-medium text-slate-700">{t("heading")}</p>
      <ul className="mt-1 list-disc pl-4">
        {PASSWORD_RULE_KEYS.map(({ key, values }) => (
          <li key={key}>{tv(`rules.${key}`, values)}</li>
        ))}
      </ul>
      <p
        aria-live="polite"
        data-testid="password-verdict"
        className={`mt-1 ${result?.ok ? "text-emerald-700" : "text-red-700"}`}
      >
        {result &&
          (result.ok ? t("ok") : tv(`verdict.${result.verdict.key}`, result.verdict.values))}
      </p>
    </div>
  );
}
