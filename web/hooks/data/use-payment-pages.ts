"use client";
import type { PaymentStatus } from "@/lib/domain";
import { PAGE_SIZE } from "@/lib/list-validation";
import { usePagedList } from "./use-paged-list";

/** The payments resource (GET /api/payments); every key under it belongs to it. */
export const PAYMENTS_KEY = "/api/payments";

/** A payment as GET /api/payments lists it. */
export type PaymentItem = {
  id: string;
  studentId: string;
  courseId: string;
  courseTitle: string;
  amountCents: number;
  status: PaymentStatus;
  reason: string | null;
  reviewedAt: string | null;
  createdAt: string;
  studentName: string;
  studentEmail: string;
};

/**
 * The caller's payments (admins: all), a page at a time: newest first, or oldest first with
 * `order: "asc"` (the review queue).
 */
export function usePaymentPages<T extends { id: string } = PaymentItem>(
  query: { status?: PaymentStatus; order?: "asc" | "desc" },
  options: { initial?: readonly T[]; version?: unknown } = {},
) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE.payments) });
  if (query.status) params.set("status", query.status);
  if (query.order) params.set("order", query.order);
  return usePagedList<T>(`${PAYMENTS_KEY}?${params}`, options);
}
