"use client";
import { useTranslations } from "next-intl";
import { useDatabaseDown } from "@/hooks/data/use-health";

/**
 * What an error boundary shows: "temporarily unavailable" when the database is down (a page
 * that was already rendering when it went away; later ones get the proxy's 503 page), else a
 * plain "something went wrong". In production a server error reaches the client without its
 * message, so the health endpoint tells the two apart.
 */
export function ErrorNotice() {
  const t = useTranslations("shell.error");
  const databaseDown = useDatabaseDown();
  const state = databaseDown === undefined ? "checking" : databaseDown ? "unavailable" : "failed";
  const heading = t(`${state}.heading`);
  const text = t(`${state}.text`);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div role="status" aria-live="polite">
          <h1 className="text-2xl font-semibold">{heading}</h1>
          <p className="mt-2 text-sm text-slate-600">{text}</p>
        </div>
        <button
          type="button"
          // A full load: the page's server data is fetched again, through the proxy's gate.
          onClick={() => window.location.reload()}
          className="mt-6 inline-flex rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-800"
        >
          {t("retry")}
        </button>
      </div>
    </main>
  );
}
