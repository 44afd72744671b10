import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/server/auth";
import { HOME_BY_ROLE } from "@/lib/domain";
import { localHref, localRedirect } from "@/i18n/prefix";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

// Auth.js's error codes in the query, as auth.signIn.errors keys (any other: "failed").
const ERRORS = { CredentialsSignin: "credentials", MissingCSRF: "expired" } as const;

function errorKey(code: string): (typeof ERRORS)[keyof typeof ERRORS] | "failed" {
  return Object.hasOwn(ERRORS, code) ? ERRORS[code as keyof typeof ERRORS] : "failed";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const user = await getSessionUser();
  if (user) await localRedirect(HOME_BY_ROLE[user.role]);
  const t = await getTranslations("auth.signIn");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">LiveCampus</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">{t("intro")}</p>
        <SignInForm
          callbackUrl={callbackUrl ?? (await localHref("/"))}
          initialError={error ? t(`errors.${errorKey(error)}`) : undefined}
        />
      </div>
    </main>
  );
}
