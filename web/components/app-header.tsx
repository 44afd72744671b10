"use client";
import { Link } from "@/i18n/navigation";
import { useAppPathname } from "@/i18n/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";

/** One entry of the main navigation (`label` in the page's language). */
export type NavItem = { href: string; label: string };

/** The entry the current path belongs to: the longest `href` that is the path or a parent of it. */
export function currentNavHref(items: readonly NavItem[], pathname: string): string | undefined {
  return items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

/**
 * The header row: logo, main navigation, `status` (always on screen) and `account`. Below the
 * md breakpoint the navigation and the account controls fold into a menu behind one button
 * (closed again by Escape, by a click on an entry and on every navigation).
 */
export function AppHeader({
  nav,
  status,
  account,
}: {
  nav: readonly NavItem[];
  status: ReactNode;
  account: ReactNode;
}) {
  const t = useTranslations("shell.nav");
  const pathname = useAppPathname();
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  const button = useRef<HTMLButtonElement>(null);
  const navId = useId();
  const accountId = useId();
  // A navigation closes the menu (state derived during render, not in an effect).
  if (open && openedAt !== pathname) setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const current = currentNavHref(nav, pathname);
  // Folded on phones unless open; always a row from md up.
  const panel = `${open ? "flex" : "hidden"} order-last w-full flex-col gap-1 md:order-none md:flex md:w-auto md:flex-row md:items-center`;
  return (
    <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
      <Link href="/" className="text-lg font-semibold text-brand-700">
        LiveCampus
      </Link>
      <nav id={navId} aria-label={t("label")} className={`${panel} text-sm`}>
        <ul className="flex flex-col gap-1 md:flex-row md:gap-4">
          {nav.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={item.href === current ? "page" : undefined}
                className="block rounded py-2 text-slate-700 hover:text-slate-900 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700 md:py-0"
                onClick={() => setOpen(false)}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="ml-auto flex items-center gap-3 text-sm">
        {status}
        <button
          ref={button}
          type="button"
          className="rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-700 md:hidden"
          aria-expanded={open}
          aria-controls={`${navId} ${accountId}`}
          onClick={() => {
            setOpenedAt(pathname);
            setOpen((value) => !value);
          }}
        >
          {t("menu")}
        </button>
      </div>
      <div
        id={accountId}
        className={`${panel} border-t border-slate-200 pt-2 text-sm md:gap-3 md:border-0 md:pt-0`}
      >
        {account}
      </div>
    </div>
  );
}
