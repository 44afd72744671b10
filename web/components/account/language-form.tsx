"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { api } from "@/lib/api-client";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/i18n/locales";
import { useLocalRouter } from "@/i18n/navigation";
import { useErrorText } from "@/lib/validation-messages";

const AUTOMATIC = "auto";

/** The user's page language: a fixed one, or the browser's (stored as null). */
export function LanguageForm({ current }: { current: Locale | null }) {
  const t = useTranslations("settings.language");
  const router = useLocalRouter();
  const errorText = useErrorText();
  const [choice, setChoice] = useState<string>(current ?? AUTOMATIC);
  const [saving, startSaving] = useTransition();

  function save(event: React.FormEvent) {
    event.preventDefault();
    const locale = choice === AUTOMATIC ? null : (choice as Locale);
    startSaving(async () => {
      try {
        await api.updateAccountSettings({ locale });
        // The server renders the pages in the new language from now on.
        router.refresh();
        toast.success(t("saved"));
      } catch (error) {
        toast.error(errorText(error));
      }
    });
  }

  return (
    <form onSubmit={save} className="space-y-4">
      <fieldset>
        <legend className="sr-only">{t("heading")}</legend>
        <div className="space-y-2">
          {[AUTOMATIC, ...LOCALES].map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="locale"
                value={value}
                checked={choice === value}
                onChange={() => setChoice(value)}
                data-testid={`locale-${value}`}
              />
              <span lang={value === AUTOMATIC ? undefined : value}>
                {value === AUTOMATIC ? t("automatic") : LOCALE_NAMES[value as Locale]}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <button
        type="submit"
        disabled={saving || choice === (current ?? AUTOMATIC)}
        className="rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-800 disabled:opacity-50"
        data-testid="save-language"
      >
        {saving ? t("saving") : t("save")}
      </button>
    </form>
  );
}
