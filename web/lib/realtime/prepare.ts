// Validating one event for publishing against the catalog (./events): the publisher, the
// outbox (before it stores a row) and the CLI all go through prepareEvent.
import { parseChannel } from "./channels";
import {
  EVENT_CHANNEL_FAMILIES,
  MAX_EVENT_BYTES,
  describeIssues,
  isEventName,
  strictEventSchemas,
  type EventName,
  type EventPayload,
} from "./events";

const utf8 = new TextEncoder();

/** UTF-8 byte length, the way Pusher measures the 10 KB limit (works in Node and browsers). */
export function utf8ByteLength(text: string): number {
  return utf8.encode(text).byteLength;
}

export type PrepareFailureReason =
  | "unknown-event"
  | "no-channels"
  | "invalid-channel"
  | "channel-not-allowed"
  | "invalid-payload"
  | "too-large";

export type PreparedEvent<E extends EventName = EventName> = {
  channels: string[];
  event: E;
  payload: EventPayload<E>;
  /** `payload` serialized: exactly what is sent. */
  data: string;
  bytes: number;
  eventId: string;
  occurredAt: string;
};

export type PrepareResult<E extends EventName = EventName> =
  | { ok: true; prepared: PreparedEvent<E> }
  | { ok: false; reason: PrepareFailureReason; error: string };

export type PrepareInput = {
  channels: readonly string[];
  event: string;
  payload: unknown;
  /** Wins over an eventId inside payload; generated when neither is given. */
  eventId?: string;
  occurredAt?: string;
};

export type PrepareOptions = {
  /** Clock for occurredAt; default `new Date()`. */
  now?: () => Date;
  /** eventId generator; default `crypto.randomUUID()`. */
  generateId?: () => string;
};

/**
 * Validates one event for publishing: known event, every channel a LiveCampus channel whose
 * family may carry this event (docs/realtime.md, "Channels" and "Events"), payload matching
 * the strict schema, serialized size ≤ 10 KB. Adds eventId and occurredAt when missing.
 * Never throws.
 */
export function prepareEvent(input: PrepareInput, options: PrepareOptions = {}): PrepareResult {
  const { event } = input;
  if (!isEventName(event)) {
    return { ok: false, reason: "unknown-event", error: `Unknown event ${JSON.stringify(event)}` };
  }
  const channels = [...new Set(input.channels)];
  if (channels.length === 0) {
    return { ok: false, reason: "no-channels", error: `${event}: no channels given` };
  }
  for (const channel of channels) {
    const parsed = parseChannel(channel);
    if (!parsed) {
      return {
        ok: false,
        reason: "invalid-channel",
        error: `${event}: ${JSON.stringify(channel)} is not a LiveCampus channel`,
      };
    }
    if (!EVENT_CHANNEL_FAMILIES[event].includes(parsed.family)) {
      return {
        ok: false,
        reason: "channel-not-allowed",
        error: `${event} may not be published on ${channel} (allowed: ${EVENT_CHANNEL_FAMILIES[event].join(", ")})`,
      };
    }
  }
  if (typeof input.payload !== "object" || input.payload === null || Array.isArray(input.payload)) {
    return { ok: false, reason: "invalid-payload", error: `${event}: payload must be an object` };
  }
  const given = input.payload as Record<string, unknown>;
  const candidate = {
    ...given,
    eventId: input.eventId ?? given.eventId ?? (options.generateId ?? randomId)(),
    occurredAt:
      input.occurredAt ?? given.occurredAt ?? (options.now?.() ?? new Date()).toISOString(),
  };
  const result = strictEventSchemas[event].safeParse(candidate);
  if (!result.success) {
    return {
      ok: false,
      reason: "invalid-payload",
      error: `${event}: ${describeIssues(result.error)}`,
    };
  }
  const payload = result.data as EventPayload<EventName>;
  const data = JSON.stringify(payload);
  const bytes = utf8ByteLength(data);
  if (bytes > MAX_EVENT_BYTES) {
    return {
      ok: false,
      reason: "too-large",
      error: `${event}: payload is ${bytes} bytes, over the ${MAX_EVENT_BYTES}-byte limit`,
    };
  }
  return {
    ok: true,
    prepared: {
      channels,
      event,
      payload,
      data,
      bytes,
      eventId: payload.eventId,
      occurredAt: payload.occurredAt,
    },
  };
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}
