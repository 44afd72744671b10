"use client";
import type { AttendanceRow, ScoreRow } from "@/server/services/records";
import { PAGE_SIZE } from "@/lib/list-validation";
import { usePagedList } from "./use-paged-list";

export const SCORES_KEY = "/api/scores";
export const ATTENDANCE_KEY = "/api/attendance";

const url = (key: string, courseId?: string) =>
  `${key}?limit=${PAGE_SIZE.records}${courseId ? `&courseId=${courseId}` : ""}`;

type Options<T> = { initial?: readonly T[]; version?: unknown };

/** The scores the caller may read (of one course, or all of theirs), a page at a time. */
export function useScorePages<T extends { id: string } = ScoreRow>(
  courseId?: string,
  options: Options<T> = {},
) {
  return usePagedList<T>(url(SCORES_KEY, courseId), options);
}

/** The attendance the caller may read (of one course, or all of theirs), a page at a time. */
export function useAttendancePages<T extends { id: string } = AttendanceRow>(
  courseId?: string,
  options: Options<T> = {},
) {
  return usePagedList<T>(url(ATTENDANCE_KEY, courseId), options);
}
