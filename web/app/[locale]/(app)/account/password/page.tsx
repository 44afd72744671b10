import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requirePageUser } from "@/server/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.password");
  return { title: t("title") };
}

export default async function ChangePasswordPage() {
  const user = await requirePageUser("/account/password");
  const t = await getTranslations("account.password");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro", { email: user.email })}</p>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <ChangePasswordForm />
      </div>
    </div>
  );
}
