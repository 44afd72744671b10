"use client";
import useSWR from "swr";
import type { CourseListItem } from "@/server/services/courses";

/** The catalog; every key under it (one course's page too) belongs to this resource. */
export const COURSES_KEY = "/api/courses";

/** Every course with the caller's enrollment flag (GET /api/courses). */
export function useCourses(initial?: CourseListItem[]) {
  return useSWR<CourseListItem[]>(COURSES_KEY, { fallbackData: initial });
}
