import { Link } from "@/i18n/navigation";
import type { Metadata } from "next";
import { getSessionUser } from "@/server/auth";
import { HOME_BY_ROLE } from "@/lib/domain";

export const metadata: Metadata = { title: "Page not found · LiveCampus" };

// Every unknown path and every notFound() (e.g. a course that does not exist or is not yours).
export default async function NotFound() {
  const user = await getSessionUser();
  const home = user ? HOME_BY_ROLE[user.role] : "/sign-in";
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-1 text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">
          There is nothing at this address. It may have moved, or the link may be mistyped.
        </p>
        <Link
          href={home}
          className="mt-6 inline-flex rounded-md bg-brand-700 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-800"
        >
          {user ? "Back to your dashboard" : "Go to sign-in"}
        </Link>
      </div>
    </main>
  );
}
