"use client";
// Links and client navigation that keep the page's language prefix: on /de/… a link to
// "/courses" goes to /de/courses; on an unprefixed page it stays unprefixed.
import NextLink from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, type ComponentProps } from "react";
import { localizedPath, splitLocalePrefix } from "./locales";

/** The language prefix of the page in the address bar, null when unprefixed. */
export function usePathPrefix() {
  return splitLocalePrefix(usePathname() ?? "/").locale;
}

/** The current path without its language prefix ("/de/courses" → "/courses"). */
export function useAppPathname(): string {
  return splitLocalePrefix(usePathname() ?? "/").rest;
}

/** An app path under the current page's prefix. */
export function useLocalHref() {
  const prefix = usePathPrefix();
  return (path: string) => localizedPath(prefix, path);
}

type LinkProps = Omit<ComponentProps<typeof NextLink>, "href"> & { href: string };

export function Link({ href, ...props }: LinkProps) {
  const localHref = useLocalHref();
  return <NextLink href={localHref(href)} {...props} />;
}

/** next/navigation's router, with push/replace/prefetch keeping the page's language prefix. */
export function useLocalRouter() {
  const router = useRouter();
  const prefix = usePathPrefix();
  return useMemo(
    () => ({
      ...router,
      push: (path: string, options?: Parameters<typeof router.push>[1]) =>
        router.push(localizedPath(prefix, path), options),
      replace: (path: string, options?: Parameters<typeof router.replace>[1]) =>
        router.replace(localizedPath(prefix, path), options),
      prefetch: (path: string) => router.prefetch(localizedPath(prefix, path)),
    }),
    [router, prefix],
  );
}
