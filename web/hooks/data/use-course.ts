"use client";
import useSWR from "swr";
import type { CourseView } from "@/server/services/courses";

const courseKey = (id: string) => `/api/courses/${id}`;

/** One course as the caller may see it (GET /api/courses/[id]), starting from `initial`. */
export function useCourse(initial: CourseView) {
  return useSWR<CourseView>(courseKey(initial.id), { fallbackData: initial });
}
