"use client";
import { useEffect, useId } from "react";
import { useRealtime } from "@/components/realtime/realtime-provider";
import {
  EVENT_CHANNEL_FAMILIES,
  parseChannel,
  parseEventPayload,
  type EventName,
  type EventPayload,
} from "@/lib/realtime";
import { useLatest } from "./use-latest";

export type ChannelEventMeta<E extends EventName> = { event: E; channel: string };
type ChannelEventHandler<E extends EventName> = (
  payload: EventPayload<E>,
  meta: ChannelEventMeta<E>,
) => void;

const warned = new Set<string>();
function warnOnce(message: string) {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/**
 * Sorted, de-duplicated names of the channels that may carry `event` (docs/realtime.md,
 * "Channels and who may subscribe"), as one stable string.
 * Without a signed-in user only public channels remain (the others would be refused).
 */
function channelKey(
  event: EventName,
  names: string | readonly (string | null | undefined)[] | null | undefined,
  signedIn: boolean,
): string {
  const list = typeof names === "string" ? [names] : (names ?? []);
  const valid = new Set<string>();
  for (const name of list) {
    if (!name) continue;
    const parsed = parseChannel(name);
    if (!parsed || !EVENT_CHANNEL_FAMILIES[event].includes(parsed.family)) {
      warnOnce(
        `[realtime] not listening for ${event} on ${JSON.stringify(name)}: not a channel that carries it`,
      );
      continue;
    }
    if (!signedIn && parsed.family !== "public-announcements") continue;
    valid.add(name);
  }
  return [...valid].sort().join("\n");
}

/**
 * Calls `handler` for `event` on each of `channelNames` (one hook call for any number of
 * channels: never call hooks in a loop). The handler is kept in a ref and bound once per
 * channel; payloads are validated against the catalog (a mismatch is dropped with a warning)
 * and de-duplicated by eventId, so one event published to several of these channels, or
 * retried, reaches the handler once. Cleanup unbinds exactly this handler and releases the
 * channel; the channel is unsubscribed only when no other hook holds it.
 */
export function useChannelEvents<E extends EventName>(
  channelNames: string | readonly (string | null | undefined)[] | null | undefined,
  event: E,
  handler: ChannelEventHandler<E>,
): void {
  const { connection, user } = useRealtime();
  const listenerId = useId();
  const handlerRef = useLatest(handler);
  const key = channelKey(event, channelNames, user !== null);

  useEffect(() => {
    if (!connection || !key) return;
    const bindings = key.split("\n").map((name) => {
      connection.acquire(name);
      // Through the connection, not channel.bind: replayed events reach the same handler, and
      // live ones wait while a replay runs.
      const bound = (data: unknown) => {
        const parsed = parseEventPayload(event, data);
        if (!parsed.ok) {
          console.warn(
            `[realtime] dropped ${event} on ${name}: payload does not match the catalog\n${parsed.error}`,
          );
          return;
        }
        if (!connection.firstDelivery(`${listenerId}:${event}`, parsed.payload.eventId)) return;
        handlerRef.current(parsed.payload, { event, channel: name });
      };
      return { name, unbind: connection.bindEvent(name, event, bound) };
    });
    return () => {
      for (const { name, unbind } of bindings) {
        unbind();
        connection.release(name);
      }
    };
  }, [connection, key, event, listenerId, handlerRef]);
}

/** useChannelEvents for a single channel (null: do nothing). */
export function useChannelEvent<E extends EventName>(
  channelName: string | null | undefined,
  event: E,
  handler: ChannelEventHandler<E>,
): void {
  useChannelEvents(channelName, event, handler);
}
