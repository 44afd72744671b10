"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/server/auth";

export type SignInState = { error?: string; email?: string };

/** Only same-site paths are accepted as a destination after sign-in. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const t = await getTranslations("auth.signIn.errors");
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: t("missingFields"), email };
  try {
    await signIn("credentials", {
      email,
      password,
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    // signIn throws a redirect on success; only AuthErrors are sign-in failures.
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { error: t("rateLimited"), email };
    }
    if (error instanceof AuthError) {
      return {
        error: error.type === "CredentialsSignin" ? t("credentials") : t("failed"),
        email,
      };
    }
    throw error;
  }
}
