import "server-only";
// The realtime publisher: validates messages against the catalog (prepareEvent), plans the HTTP
// calls (./plan) and sends them (./send). docs/realtime.md, "Publishing: after commit, never
// lost", describes how the outbox uses it.
import { randomUUID } from "node:crypto";
import { getServerEnv } from "@/env";
import { getMetrics } from "@/server/metrics";
import {
  prepareEvent,
  type EventName,
  type PrepareFailureReason,
  type PreparedEvent,
  type RealtimeMessage,
  type UntypedRealtimeMessage,
} from "@/lib/realtime";
import { planCalls } from "./plan";
import { DEFAULT_PUSHER_TIMEOUT_MS } from "./pusher-server";
import { getPusherServer } from "./pusher-instance";
import { sendCalls, type PusherPublisher } from "./send";

export type { PusherPublisher } from "./send";

export type RealtimeLogger = {
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
};

export type PublishFailureReason = PrepareFailureReason | "timeout" | "send-failed";

/** A message that was not delivered to Soketi, and why. */
export type PublishFailure = {
  /** Position of the message in the `publish()` input. */
  index: number;
  event: string;
  channels: string[];
  eventId?: string;
  reason: PublishFailureReason;
  /** False for invalid messages (retrying cannot help); true for timeouts and HTTP errors. */
  retryable: boolean;
  error: string;
  /** HTTP status from the Pusher-protocol server, when it answered. */
  status?: number;
};

/** A message Soketi accepted. */
export type PublishedEvent = {
  index: number;
  event: EventName;
  channels: string[];
  eventId: string;
  occurredAt: string;
};

export type PublishResult =
  | { ok: true; published: PublishedEvent[]; requests: number }
  | {
      ok: false;
      /** One-line summary of the failures. */
      error: string;
      failed: PublishFailure[];
      published: PublishedEvent[];
      requests: number;
    };

export interface RealtimeService {
  /** Validates, then sends every message in as few HTTP calls as Pusher's limits allow. */
  publish(messages: readonly RealtimeMessage[]): Promise<PublishResult>;
  /** publish() for messages typed only at runtime (outbox rows, CLI input). */
  publishRaw(messages: readonly UntypedRealtimeMessage[]): Promise<PublishResult>;
}

export type RealtimeServiceOptions = {
  pusher: PusherPublisher;
  /** Upper bound for each HTTP call, on top of the SDK's own timeout. Default 5000 ms. */
  timeoutMs?: number;
  /** HTTP calls in flight at once. Default 8. */
  concurrency?: number;
  /** Where failures are reported (never payloads). Default: console. */
  logger?: RealtimeLogger;
};

/**
 * The realtime publisher over a `pusher` SDK instance. Every message is validated against the
 * catalog before anything is sent; publishing never throws and returns what failed.
 */
export function createRealtimeService(options: RealtimeServiceOptions): RealtimeService {
  const { pusher } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PUSHER_TIMEOUT_MS;
  const concurrency = options.concurrency ?? 8;
  const logger: RealtimeLogger = options.logger ?? console;

  async function publishRaw(messages: readonly UntypedRealtimeMessage[]): Promise<PublishResult> {
    const failed: PublishFailure[] = [];
    const ready: { index: number; prepared: PreparedEvent }[] = [];
    messages.forEach((message, index) => {
      const result = prepareEvent(message, { generateId: randomUUID });
      if (result.ok) ready.push({ index, prepared: result.prepared });
      else
        failed.push({
          index,
          event: String(message.event),
          channels: [...(message.channels ?? [])],
          eventId: message.eventId,
          reason: result.reason,
          retryable: false,
          error: result.error,
        });
    });

    const calls = planCalls(ready);
    const sendErrors = await sendCalls(pusher, calls, { timeoutMs, concurrency });

    const published: PublishedEvent[] = [];
    for (const { index, prepared } of ready) {
      const { event, channels, eventId } = prepared;
      const error = sendErrors.get(index);
      if (!error) {
        published.push({ index, event, channels, eventId, occurredAt: prepared.occurredAt });
        continue;
      }
      failed.push({
        index,
        event,
        channels,
        eventId,
        reason: error.timeout ? "timeout" : "send-failed",
        retryable: true,
        error: error.message,
        ...(error.status !== undefined ? { status: error.status } : {}),
      });
    }

    if (failed.length === 0) return { ok: true, published, requests: calls.length };
    failed.sort((a, b) => a.index - b.index);
    const summary = `${failed.length} of ${messages.length} realtime event(s) not published: ${failed
      .slice(0, 3)
      .map((f) => `${f.event} (${f.reason}: ${f.error})`)
      .join("; ")}${failed.length > 3 ? "; …" : ""}`;
    logger.error("realtime publish failed", {
      failed: failed.map(({ index, event, channels, eventId, reason, error, status }) => ({
        index,
        event,
        channels,
        eventId,
        reason,
        error,
        status,
      })),
    });
    return { ok: false, error: summary, failed, published, requests: calls.length };
  }

  return { publish: (messages) => publishRaw(messages), publishRaw };
}

let singleton: RealtimeService | undefined;

/** Records each batch's publish latency in the app's metrics (GET /api/metrics). */
function timed(service: RealtimeService): RealtimeService {
  const publishRaw: RealtimeService["publishRaw"] = async (messages) => {
    const stop = getMetrics().publishDuration.startTimer();
    const result = await service.publishRaw(messages);
    stop({ outcome: result.ok ? "ok" : "failed" });
    return result;
  };
  return { publish: publishRaw, publishRaw };
}

/** The app's publisher, created on first use from getServerEnv() (never at import time). */
export function getRealtimeService(): RealtimeService {
  singleton ??= timed(
    createRealtimeService({
      pusher: getPusherServer(),
      timeoutMs: getServerEnv().PUSHER_TIMEOUT_MS,
    }),
  );
  return singleton;
}
