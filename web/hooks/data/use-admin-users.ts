"use client";
import useSWR from "swr";
import useSWRInfinite from "swr/infinite";
import type { Role } from "@/lib/domain";
import { fetchJson } from "@/lib/fetch-json";

/** The admin user list; every key under it (queries, pages) belongs to this resource. */
export const ADMIN_USERS_KEY = "/api/admin/users";

/** One user as the admin list shows it (contract §8, GET /api/admin/users). */
export type AdminUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
};

type UserPage = { items: AdminUser[]; nextCursor: string | null };

function usersUrl(
  filter: { q?: string; role?: Role | ""; limit?: number },
  cursor?: string | null,
) {
  const params = new URLSearchParams();
  if (filter.role) params.set("role", filter.role);
  if (filter.limit) params.set("limit", String(filter.limit));
  if (filter.q?.trim()) params.set("q", filter.q.trim());
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `${ADMIN_USERS_KEY}?${query}` : ADMIN_USERS_KEY;
}

/**
 * The users matching `q` (name or e-mail) and `role`, page by page: `loadMore()` fetches the
 * next page after the last one's `nextCursor`.
 */
export function useAdminUsers(filter: { q: string; role: Role | "" }) {
  const result = useSWRInfinite<UserPage>(
    (index, previous: UserPage | null) => {
      if (index > 0 && !previous?.nextCursor) return null;
      return usersUrl(filter, previous?.nextCursor);
    },
    // While a new search loads, the previous results stay instead of a loading flash.
    { keepPreviousData: true },
  );
  const { data, size, setSize, isLoading, isValidating } = result;
  const users = data?.flatMap((page) => page.items) ?? [];
  const hasMore = Boolean(data?.[data.length - 1]?.nextCursor);
  const loadingMore = isValidating && size > (data?.length ?? 0);
  return {
    users,
    hasMore,
    isLoading,
    loadingMore,
    error: result.error as unknown,
    loadMore: () => void setSize(size + 1),
    mutate: () => void result.mutate(),
  };
}

// Schools have dozens of teachers, not thousands; the pages are bounded all the same. The page
// size also keeps this key apart from the user list's pages (same role filter, other shape).
const TEACHER_PAGE_SIZE = 100;
const MAX_TEACHER_PAGES = 20;

async function fetchAllTeachers(url: string): Promise<AdminUser[]> {
  const teachers: AdminUser[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_TEACHER_PAGES; page += 1) {
    const next: UserPage = await fetchJson<UserPage>(
      cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url,
    );
    teachers.push(...next.items);
    cursor = next.nextCursor;
    if (!cursor) break;
  }
  return teachers;
}

/** Every active teacher, sorted by name, for the course forms' teacher select. */
export function useTeachers() {
  const result = useSWR<AdminUser[]>(
    usersUrl({ role: "TEACHER", limit: TEACHER_PAGE_SIZE }),
    fetchAllTeachers,
  );
  const teachers = (result.data ?? [])
    .filter((t) => t.active)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { ...result, teachers };
}
