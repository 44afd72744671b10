import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { passwordSetupBody } from "@/lib/admin-validation";
import { SetupLinkGone, SetupPasswordForm } from "@/components/account/setup-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.setup");
  return { title: t("title"), robots: { index: false } };
}

// Public: the one-time link of an account created without a password (POST /api/auth/setup).
export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const wellFormed = passwordSetupBody.shape.token.safeParse(token).success;
  const t = await getTranslations("auth.setup");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">LiveCampus</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
        {wellFormed ? <SetupPasswordForm token={token} /> : <SetupLinkGone />}
      </div>
    </main>
  );
}
