import "server-only";
import { randomUUID } from "node:crypto";
import type Pusher from "pusher";
import { getServerEnv } from "@/env";
import {
  MAX_CHANNELS_PER_TRIGGER,
  MAX_EVENTS_PER_BATCH,
  prepareEvent,
  realtimeMessages,
  type DashboardScope,
  type DashboardTarget,
  type EventData,
  type EventName,
  type NewEnrollmentInput,
  type NotificationInput,
  type PaymentInput,
  type PrepareFailureReason,
  type PreparedEvent,
  type RealtimeMessage,
  type ScoreInput,
  type AttendanceInput,
  type AnnouncementInput,
  type StatsUpdatePayload,
  type UntypedRealtimeMessage,
} from "@/lib/realtime";
import { DEFAULT_PUSHER_TIMEOUT_MS } from "./pusher-server";
import { getPusherServer } from "./pusher-instance";

/** The part of the `pusher` SDK the publisher uses (a real instance in the app and tests). */
export type PusherPublisher = Pick<Pusher, "trigger" | "triggerBatch">;

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

export type SendOptions = {
  /** Idempotency: the same id on a retry lets clients drop the duplicate. */
  eventId?: string;
};

export interface RealtimeService {
  /** Validates, then sends every message in as few HTTP calls as Pusher's limits allow. */
  publish(messages: readonly RealtimeMessage[]): Promise<PublishResult>;
  /** publish() for messages typed only at runtime (outbox rows, CLI input). */
  publishRaw(messages: readonly UntypedRealtimeMessage[]): Promise<PublishResult>;
  /** `dashboard-update` to `private-user-{id}` (string) or the role's dashboard channel. */
  triggerDashboardUpdate(
    target: string | DashboardTarget,
    scope: DashboardScope,
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `stats-update` to a role dashboard or `private-course-{courseId}`. */
  statsUpdate(
    target: DashboardTarget | { courseId: string },
    stats: StatsUpdatePayload["stats"],
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `new-enrollment` to the course's enrollments feed, its teacher's and the admin dashboard (one call). */
  notifyNewEnrollment(
    courseId: string,
    teacherId: string,
    enrollment: NewEnrollmentInput,
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `enrollment-update` to the course's enrollments feed and the student. */
  enrollmentUpdate(
    studentId: string,
    update: EventData<"enrollment-update">,
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `new-notification` to `private-user-{userId}`. */
  sendNotification(
    userId: string,
    notification: NotificationInput,
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `payment-received` to the student and the admin dashboard. */
  paymentReceived(
    studentId: string,
    payment: PaymentInput,
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `payment-approved` to the student and the admin dashboard. */
  paymentApproved(
    studentId: string,
    payment: PaymentInput,
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `new-score` to the student. */
  newScore(studentId: string, score: ScoreInput, options?: SendOptions): Promise<PublishResult>;
  /** `score-update` to the student. */
  scoreUpdate(studentId: string, score: ScoreInput, options?: SendOptions): Promise<PublishResult>;
  /** `attendance-marked` to the student. */
  attendanceMarked(
    studentId: string,
    attendance: AttendanceInput,
    options?: SendOptions,
  ): Promise<PublishResult>;
  /** `new-announcement` to `public-announcements`. */
  newAnnouncement(announcement: AnnouncementInput, options?: SendOptions): Promise<PublishResult>;
}

export type RealtimeServiceOptions = {
  pusher: PusherPublisher;
  /** Upper bound for each HTTP call, on top of the SDK's own timeout. Default 5000 ms. */
  timeoutMs?: number;
  /** HTTP calls in flight at once. Default 4. */
  concurrency?: number;
  /** Where failures are reported (never payloads). Default: console. */
  logger?: RealtimeLogger;
};

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer from the realtime server within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

function withTimeout<T>(run: () => Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    // run() may throw synchronously (the SDK validates channel names that way).
    Promise.resolve()
      .then(run)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}

/**
 * Soketi answers API errors (bad signature, event too large, unknown app) with HTTP 200 and a
 * `{"error", "code"}` body, so the SDK resolves: read the body, or a failed publish would
 * count as delivered.
 */
async function assertAccepted(response: unknown): Promise<void> {
  const r = response as { text?: () => Promise<string> } | null;
  if (!r || typeof r.text !== "function") return;
  const text = await r.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return; // not JSON: nothing more to learn (the status was already 2xx)
  }
  const error = (body as { error?: unknown; code?: unknown } | null)?.error;
  if (error !== undefined && error !== null) {
    const code = (body as { code?: unknown }).code;
    throw Object.assign(new Error("rejected by the realtime server"), {
      status: typeof code === "number" ? code : undefined,
      body: typeof error === "string" ? error : JSON.stringify(error),
    });
  }
}

/** The SDK's RequestError carries status/body; a network error wraps the cause. */
function describeSendError(error: unknown): { message: string; status?: number; timeout: boolean } {
  if (error instanceof TimeoutError) return { message: error.message, timeout: true };
  const e = error as {
    message?: string;
    status?: number;
    body?: string;
    error?: { message?: string; name?: string };
  };
  const aborted = e?.error?.name === "AbortError";
  if (aborted) return { message: "request aborted by the SDK timeout", timeout: true };
  const parts = [e?.message ?? String(error)];
  if (e?.status !== undefined) parts.push(`HTTP ${e.status}`);
  if (e?.body) parts.push(String(e.body).slice(0, 200));
  if (e?.error?.message) parts.push(e.error.message);
  return { message: parts.join(": "), status: e?.status, timeout: false };
}

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * The realtime publisher over a `pusher` SDK instance. Every method validates against the
 * catalog before anything is sent, never throws, and returns what failed.
 */
export function createRealtimeService(options: RealtimeServiceOptions): RealtimeService {
  const { pusher } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PUSHER_TIMEOUT_MS;
  const concurrency = Math.max(1, options.concurrency ?? 4);
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

    // One event to many channels: one `trigger` (≤ 100 channels per call). Single-channel
    // events: `triggerBatch`, ≤ 10 per call. A message fails if any of its calls fails.
    // Order: each channel receives its events in input order (the outbox passes rows oldest
    // first). Calls are built in input order; a single-channel event joins the open batch only
    // if no later call already carries its channel; a call waits for the earlier calls that
    // share a channel with it, and is held back (failed, retryable) if one of them failed, so a
    // retry cannot overtake. Calls on disjoint channels still run concurrently.
    type Ready = (typeof ready)[number];
    type Call = {
      indices: number[];
      channels: Set<string>;
      send: () => Promise<unknown>;
      /** Positions of the earlier calls this one must wait for. */
      after: number[];
    };
    const calls: Call[] = [];
    const lastCallFor = new Map<string, number>();
    let open: { items: Ready[]; position: number; call: Call } | undefined;
    const sendBatch = (items: Ready[]) => () => {
      const [only, ...rest] = items;
      if (only && rest.length === 0) {
        return pusher.trigger(only.prepared.channels[0]!, only.prepared.event, only.prepared.data);
      }
      return pusher.triggerBatch(
        items.map(({ prepared }) => ({
          channel: prepared.channels[0]!,
          name: prepared.event,
          data: prepared.data,
        })),
      );
    };
    for (const item of ready) {
      const { index, prepared } = item;
      if (prepared.channels.length === 1) {
        const channel = prepared.channels[0]!;
        if (
          !open ||
          open.items.length >= MAX_EVENTS_PER_BATCH ||
          open.position < (lastCallFor.get(channel) ?? -1)
        ) {
          const items: Ready[] = [];
          const call: Call = {
            indices: [],
            channels: new Set(),
            send: sendBatch(items),
            after: [],
          };
          open = { items, position: calls.push(call) - 1, call };
        }
        open.items.push(item);
        open.call.indices.push(index);
        open.call.channels.add(channel);
        lastCallFor.set(channel, open.position);
      } else {
        for (const part of chunk(prepared.channels, MAX_CHANNELS_PER_TRIGGER)) {
          const position =
            calls.push({
              indices: [index],
              channels: new Set(part),
              send: () => pusher.trigger(part, prepared.event, prepared.data),
              after: [],
            }) - 1;
          for (const channel of part) lastCallFor.set(channel, position);
        }
      }
    }
    // Each call waits for the latest earlier call on each of its channels (transitively: all).
    const latest = new Map<string, number>();
    calls.forEach((call, position) => {
      call.after = [
        ...new Set([...call.channels].flatMap((c) => (latest.has(c) ? [latest.get(c)!] : []))),
      ];
      for (const channel of call.channels) latest.set(channel, position);
    });

    type SendError = { message: string; status?: number; timeout: boolean };
    const sendErrors = new Map<number, SendError>();
    /** Per call: undefined once sent, else why it was not. */
    const outcomes: Promise<SendError | undefined>[] = [];
    const run = async (call: Call): Promise<SendError | undefined> => {
      const earlier = (await Promise.all(call.after.map((position) => outcomes[position]!))).find(
        (e) => e !== undefined,
      );
      let failure: SendError | undefined;
      if (earlier) {
        // Same cause as the earlier failure (a timeout stays a timeout), never sent.
        const heldBack = "held back behind an earlier event on the same channel";
        failure = earlier.message.startsWith(heldBack)
          ? earlier
          : { ...earlier, message: `${heldBack}: ${earlier.message}` };
      } else {
        try {
          await assertAccepted(await withTimeout(call.send, timeoutMs));
        } catch (error) {
          failure = describeSendError(error);
        }
      }
      if (failure) {
        for (const index of call.indices)
          if (!sendErrors.has(index)) sendErrors.set(index, failure);
      }
      return failure;
    };
    // At most `concurrency` calls in flight; calls start in order, so a call's predecessors
    // have always started before it (no deadlock).
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        const position = next++;
        outcomes[position] = run(calls[position]!);
        await outcomes[position];
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));

    const published: PublishedEvent[] = [];
    for (const { index, prepared } of ready) {
      const error = sendErrors.get(index);
      if (error) {
        failed.push({
          index,
          event: prepared.event,
          channels: prepared.channels,
          eventId: prepared.eventId,
          reason: error.timeout ? "timeout" : "send-failed",
          retryable: true,
          error: error.message,
          ...(error.status !== undefined ? { status: error.status } : {}),
        });
      } else {
        published.push({
          index,
          event: prepared.event,
          channels: prepared.channels,
          eventId: prepared.eventId,
          occurredAt: prepared.occurredAt,
        });
      }
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

  /** Builds a message (the builders throw on a non-cuid id) and publishes it; never throws. */
  async function send(event: EventName, build: () => RealtimeMessage, options?: SendOptions) {
    let message: RealtimeMessage;
    try {
      message = build();
    } catch (error) {
      const failure: PublishFailure = {
        index: 0,
        event,
        channels: [],
        eventId: options?.eventId,
        reason: "invalid-channel",
        retryable: false,
        error: error instanceof Error ? error.message : String(error),
      };
      logger.error("realtime publish failed", { failed: [failure] });
      return {
        ok: false as const,
        error: failure.error,
        failed: [failure],
        published: [],
        requests: 0,
      };
    }
    return publishRaw([options?.eventId ? { ...message, eventId: options.eventId } : message]);
  }

  const m = realtimeMessages;
  return {
    publish: (messages) => publishRaw(messages),
    publishRaw,
    triggerDashboardUpdate: (target, scope, o) =>
      send("dashboard-update", () => m.dashboardUpdate(target, scope), o),
    statsUpdate: (target, stats, o) => send("stats-update", () => m.statsUpdate(target, stats), o),
    notifyNewEnrollment: (courseId, teacherId, enrollment, o) =>
      send("new-enrollment", () => m.newEnrollment(courseId, teacherId, enrollment), o),
    enrollmentUpdate: (studentId, update, o) =>
      send("enrollment-update", () => m.enrollmentUpdate(studentId, update), o),
    sendNotification: (userId, notification, o) =>
      send("new-notification", () => m.notification(userId, notification), o),
    paymentReceived: (studentId, payment, o) =>
      send("payment-received", () => m.paymentReceived(studentId, payment), o),
    paymentApproved: (studentId, payment, o) =>
      send("payment-approved", () => m.paymentApproved(studentId, payment), o),
    newScore: (studentId, score, o) => send("new-score", () => m.newScore(studentId, score), o),
    scoreUpdate: (studentId, score, o) =>
      send("score-update", () => m.scoreUpdate(studentId, score), o),
    attendanceMarked: (studentId, attendance, o) =>
      send("attendance-marked", () => m.attendanceMarked(studentId, attendance), o),
    newAnnouncement: (announcement, o) =>
      send("new-announcement", () => m.newAnnouncement(announcement), o),
  };
}

let singleton: RealtimeService | undefined;

/** The app's publisher, created on first use from getServerEnv() (never at import time). */
export function getRealtimeService(): RealtimeService {
  singleton ??= createRealtimeService({
    pusher: getPusherServer(),
    timeoutMs: getServerEnv().PUSHER_TIMEOUT_MS,
  });
  return singleton;
}
