import { getSessionUser } from "@/server/auth";
import { HOME_BY_ROLE } from "@/lib/domain";
import { localHref, localRedirect } from "@/i18n/prefix";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in · LiveCampus" };

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account.",
  MissingCSRF: "Your sign-in form expired. Try again.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const user = await getSessionUser();
  if (user) await localRedirect(HOME_BY_ROLE[user.role]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">LiveCampus</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">Sign in to your dashboard.</p>
        <SignInForm
          callbackUrl={callbackUrl ?? (await localHref("/"))}
          initialError={error ? (ERRORS[error] ?? "Sign-in failed. Try again.") : undefined}
        />
      </div>
    </main>
  );
}
