import { getTranslations } from "next-intl/server";
import { LanguageForm } from "@/components/account/language-form";
import { Link } from "@/i18n/navigation";
import { requirePageUser } from "@/server/guards";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: `${t("title")} · LiveCampus` };
}

// The signed-in user's own settings: the language of their pages (PATCH /api/me).
export default async function AccountPage() {
  const user = await requirePageUser("/account");
  const t = await getTranslations("settings");
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {user.name} · {user.email}
        </p>
      </div>
      <section
        aria-labelledby="language-heading"
        className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h2 id="language-heading" className="text-lg font-semibold">
          {t("language.heading")}
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">{t("language.intro")}</p>
        <LanguageForm current={user.locale} />
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 className="text-lg font-semibold">{t("password.heading")}</h2>
        <p className="mt-1 mb-4 text-sm text-slate-600">{t("password.intro")}</p>
        <Link
          href="/account/password"
          className="inline-flex rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
        >
          {t("password.link")}
        </Link>
      </section>
    </div>
  );
}
