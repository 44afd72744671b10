"use client";
import { useEffect, useRef } from "react";
import useSWRInfinite from "swr/infinite";
import { fetchJson } from "@/lib/fetch-json";

/** One page of a list: its items and the cursor of the next page (null on the last). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** The header of the lists that stay bare arrays (GET /api/payments, /api/courses). */
const NEXT_CURSOR_HEADER = "X-Next-Cursor";

/** Reads a page of a list: `{items, nextCursor}` bodies, or a bare array with the header. */
async function fetchPage<T>(url: string): Promise<Page<T>> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) return fetchJson(url); // throws the API's error
  const body: unknown = await response.json();
  return Array.isArray(body)
    ? { items: body as T[], nextCursor: response.headers.get(NEXT_CURSOR_HEADER) }
    : (body as Page<T>);
}

const withCursor = (url: string, cursor: string) =>
  `${url}${url.includes("?") ? "&" : "?"}cursor=${encodeURIComponent(cursor)}`;

/**
 * A list read a page at a time with "load more" (docs/api.md, "Paging"). `url` is the first
 * page (null: nothing to read yet); until it has loaded, `initial` stands in. When `version`
 * changes (the live data the page already holds: a dashboard refreshed by an event), every
 * page loaded so far is read again, in order, so the list stays current.
 */
export function usePagedList<T extends { id: string }>(
  url: string | null,
  options: { initial?: readonly T[]; version?: unknown } = {},
) {
  const { data, error, size, setSize, isValidating, mutate } = useSWRInfinite<Page<T>>(
    (index, previous: Page<T> | null) => {
      if (!url) return null;
      if (index === 0) return url;
      return previous?.nextCursor ? withCursor(url, previous.nextCursor) : null;
    },
    fetchPage,
    { revalidateFirstPage: false },
  );
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void mutate();
  }, [options.version, mutate]);

  // Ids seen on an earlier page are dropped: a row that moved across a page boundary while
  // pages were read shows once.
  const seen = new Set<string>();
  const items = data
    ? data.flatMap((page) => page.items).filter((item) => !seen.has(item.id) && seen.add(item.id))
    : [...(options.initial ?? [])];
  const last = data?.at(-1);
  const loadingMore = isValidating && size > (data?.length ?? 0);
  return {
    items,
    hasMore: Boolean(last?.nextCursor),
    loadingMore,
    error,
    loadMore: () => void setSize(size + 1),
    refresh: () => mutate(),
  };
}
