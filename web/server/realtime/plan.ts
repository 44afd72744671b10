import "server-only";
// The publisher's pure half: which HTTP calls carry which prepared events, within Pusher's
// limits and without reordering any channel's events. No I/O; ./send runs the plan.
import { MAX_CHANNELS_PER_TRIGGER, MAX_EVENTS_PER_BATCH } from "@/lib/realtime";

/** A validated event (a PreparedEvent) and its position in the `publish()` input. */
export type PlanItem = {
  index: number;
  prepared: { channels: string[]; event: string; data: string };
};

export type BatchEvent = { channel: string; name: string; data: string };

/** One HTTP call to the Pusher-protocol server. */
export type PlannedCall = {
  /** Input positions of the events it carries (an event fails if any of its calls fails). */
  indices: number[];
  channels: string[];
  /** Positions in the plan of the earlier calls it must wait for (one per shared channel). */
  after: number[];
  request:
    | { method: "trigger"; channels: string | string[]; event: string; data: string }
    | { method: "triggerBatch"; batch: BatchEvent[] };
};

type Draft = Omit<PlannedCall, "channels" | "after" | "request"> & {
  channels: Set<string>;
  /** Single-channel events joined into this call; null for a multi-channel trigger. */
  batch: BatchEvent[] | null;
  request?: PlannedCall["request"];
};

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Groups events into calls in input order: an event to at most ten channels becomes one
 * `triggerBatch` entry per channel, all of them in one call (ten entries per call); an event to
 * more channels is one `trigger` per 100 channels. An event joins the open batch only if no
 * later call already carries one of its channels, so each channel keeps the input order.
 */
function planInOrder(items: readonly PlanItem[]): PlannedCall[] {
  const drafts: Draft[] = [];
  const lastCallFor = new Map<string, number>();
  let open: { batch: BatchEvent[]; draft: Draft; position: number } | undefined;
  for (const { index, prepared } of items) {
    const { channels, event, data } = prepared;
    if (channels.length <= MAX_EVENTS_PER_BATCH) {
      if (
        !open ||
        open.batch.length + channels.length > MAX_EVENTS_PER_BATCH ||
        channels.some((channel) => open!.position < (lastCallFor.get(channel) ?? -1))
      ) {
        const batch: BatchEvent[] = [];
        const draft: Draft = { indices: [], channels: new Set(), batch };
        open = { batch, draft, position: drafts.push(draft) - 1 };
      }
      for (const channel of channels) {
        open.batch.push({ channel, name: event, data });
        open.draft.channels.add(channel);
        lastCallFor.set(channel, open.position);
      }
      open.draft.indices.push(index);
    } else {
      for (const part of chunk(channels, MAX_CHANNELS_PER_TRIGGER)) {
        const request = { method: "trigger" as const, channels: part, event, data };
        const position =
          drafts.push({ indices: [index], channels: new Set(part), batch: null, request }) - 1;
        for (const channel of part) lastCallFor.set(channel, position);
      }
    }
  }
  return withWaits(drafts);
}

/**
 * Groups events into calls, ten `triggerBatch` entries per call, one entry per channel of each
 * event (Pusher delivers a multi-channel trigger to each channel apart, so this is the same
 * delivery). A channel with ten or more entries in the plan gets calls of its own, so its chain
 * of calls (each waits for the one before: its events stay in order) is as short as Pusher's
 * batch limit allows, and the other channels' entries share calls beside it. An event's entries
 * may travel in several calls; it is delivered when all of them are. When an event names more
 * than ten channels, the whole plan falls back to planInOrder (a `trigger` per 100 channels).
 * Each call waits for the latest earlier call on each of its channels; calls on disjoint
 * channels do not wait.
 */
export function planCalls(items: readonly PlanItem[]): PlannedCall[] {
  if (items.some(({ prepared }) => prepared.channels.length > MAX_EVENTS_PER_BATCH))
    return planInOrder(items);
  const entries = items.flatMap(({ index, prepared }) =>
    prepared.channels.map((channel) => ({
      index,
      channel,
      name: prepared.event,
      data: prepared.data,
    })),
  );
  const perChannel = new Map<string, number>();
  for (const { channel } of entries) perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
  const drafts: Draft[] = [];
  const ownOpen = new Map<string, Draft>();
  let sharedOpen: Draft | undefined;
  for (const { index, channel, name, data } of entries) {
    const own = perChannel.get(channel)! >= MAX_EVENTS_PER_BATCH;
    let draft = own ? ownOpen.get(channel) : sharedOpen;
    if (!draft || draft.batch!.length >= MAX_EVENTS_PER_BATCH) {
      draft = { indices: [], channels: new Set(), batch: [] };
      drafts.push(draft);
      if (own) ownOpen.set(channel, draft);
      else sharedOpen = draft;
    }
    draft.batch!.push({ channel, name, data });
    draft.channels.add(channel);
    if (draft.indices.at(-1) !== index && !draft.indices.includes(index)) draft.indices.push(index);
  }
  return withWaits(drafts);
}

/** Each call waits for the latest earlier call on each of its channels. */
function withWaits(drafts: Draft[]): PlannedCall[] {
  const latest = new Map<string, number>();
  return drafts.map((draft, position) => {
    const after = new Set<number>();
    for (const channel of draft.channels) {
      const earlier = latest.get(channel);
      if (earlier !== undefined) after.add(earlier);
      latest.set(channel, position);
    }
    return {
      indices: draft.indices,
      channels: [...draft.channels],
      after: [...after],
      request: draft.request ?? batchRequest(draft.batch!),
    };
  });
}

// A batch of one event (to one channel or several) goes out as a plain trigger.
function batchRequest(batch: BatchEvent[]): PlannedCall["request"] {
  const [first] = batch;
  if (first && batch.every((e) => e.name === first.name && e.data === first.data)) {
    const channels = batch.map((e) => e.channel);
    return {
      method: "trigger",
      channels: channels.length === 1 ? channels[0]! : channels,
      event: first.name,
      data: first.data,
    };
  }
  return { method: "triggerBatch", batch };
}
