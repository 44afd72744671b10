"use client";
import useSWR from "swr";
import type { CourseListItem } from "@/server/services/courses";
import { PAGE_SIZE } from "@/lib/list-validation";
import { usePagedList } from "./use-paged-list";

/** The catalog; every key under it (one course's page too) belongs to this resource. */
export const COURSES_KEY = "/api/courses";

/** Every course with the caller's enrollment flag (GET /api/courses). */
export function useCourses(initial?: CourseListItem[]) {
  return useSWR<CourseListItem[]>(COURSES_KEY, { fallbackData: initial });
}

/**
 * The catalog searched with `q` (title, description or teacher), a page at a time with "load
 * more"; `initial` stands in until the first page has loaded.
 */
export function useCoursePages(q: string, initial?: readonly CourseListItem[]) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE.courses) });
  if (q.trim()) params.set("q", q.trim());
  return usePagedList<CourseListItem>(`${COURSES_KEY}?${params}`, {
    initial: q.trim() ? [] : initial,
  });
}
