import { Link } from "@/i18n/navigation";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/server/auth";
import { HOME_BY_ROLE } from "@/lib/domain";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell.notFound");
  return { title: t("title") };
}

// Every unknown path and every notFound() (e.g. a course that does not exist or is not yours).
export default async function NotFound() {
  const user = await getSessionUser();
  const home = user ? HOME_BY_ROLE[user.role] : "/sign-in";
  const t = await getTranslations("shell.notFound");
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-1 text-2xl font-semibold">{t("heading")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("text")}</p>
        <Link
          href={home}
          className="mt-6 inline-flex rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-800"
        >
          {user ? t("home") : t("signIn")}
        </Link>
      </div>
    </main>
  );
}
