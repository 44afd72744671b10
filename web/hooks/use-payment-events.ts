"use client";
import { channels, isCuid, type PaymentPayload } from "@/lib/realtime";
import { useChannelEvent } from "./use-channel-event";

/** `payment-received` and `payment-approved` on `private-user-{userId}`. */
export function usePaymentEvents(
  userId: string | null | undefined,
  onReceived?: (payment: PaymentPayload) => void,
  onApproved?: (payment: PaymentPayload) => void,
): void {
  const channel = isCuid(userId) ? channels.user(userId) : null;
  useChannelEvent(onReceived ? channel : null, "payment-received", (payment) =>
    onReceived?.(payment),
  );
  useChannelEvent(onApproved ? channel : null, "payment-approved", (payment) =>
    onApproved?.(payment),
  );
}
