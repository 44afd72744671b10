import "server-only";
// The publisher's sending half: runs a plan (./plan) against the `pusher` SDK with a bound on
// calls in flight and on each call's duration, and says why each event was not delivered.
import pTimeout, { TimeoutError } from "p-timeout";
import type Pusher from "pusher";
import type { PlannedCall } from "./plan";

/** The part of the `pusher` SDK the publisher uses (a real instance in the app and tests). */
export type PusherPublisher = Pick<Pusher, "trigger" | "triggerBatch">;

/** Why a call (and so each event it carries) was not delivered. */
export type SendError = { message: string; status?: number; timeout: boolean };

export type SendCallsOptions = {
  /** Upper bound for each HTTP call, on top of the SDK's own timeout. */
  timeoutMs: number;
  /** HTTP calls in flight at once. */
  concurrency: number;
};

const HELD_BACK = "held back behind an earlier event on the same channel";

/**
 * Sends every planned call; a call whose `after` call failed is held back (never sent) with
 * that call's cause, so a retry cannot overtake it. Returns the error per input index of each
 * event not delivered. Never throws.
 */
export async function sendCalls(
  pusher: PusherPublisher,
  calls: readonly PlannedCall[],
  options: SendCallsOptions,
): Promise<Map<number, SendError>> {
  const errors = new Map<number, SendError>();
  const outcomes: Promise<SendError | undefined>[] = [];
  // At most `concurrency` calls in flight; a call waiting for an earlier one holds no slot.
  const slots = new Slots(Math.max(1, options.concurrency), chainLengths(calls));
  const run = async (call: PlannedCall, position: number): Promise<SendError | undefined> => {
    const outcomesBefore = await Promise.all(call.after.map((earlier) => outcomes[earlier]!));
    const earlier = outcomesBefore.find((e) => e !== undefined);
    let failure: SendError | undefined;
    if (earlier) {
      // Same cause as the earlier failure (a timeout stays a timeout).
      failure = earlier.message.startsWith(HELD_BACK)
        ? earlier
        : { ...earlier, message: `${HELD_BACK}: ${earlier.message}` };
    } else {
      await slots.take(position);
      try {
        await assertAccepted(await send(pusher, call, options.timeoutMs));
      } catch (error) {
        failure = describeSendError(error);
      } finally {
        // After this turn's promise callbacks: the calls waiting for this one are queued by then
        // and can take its slot.
        setImmediate(() => slots.give());
      }
    }
    if (failure) {
      for (const index of call.indices) if (!errors.has(index)) errors.set(index, failure);
    }
    return failure;
  };
  // `after` names earlier positions only, so every outcome a call waits for exists already.
  for (const [position, call] of calls.entries()) outcomes.push(run(call, position));
  await Promise.all(outcomes);
  return errors;
}

/**
 * Per call, how many calls (itself included) follow one another from it to the end of the
 * plan through `after`. A channel's calls go one after another, so the longest such chain, not
 * the number of calls, decides when a plan is done (docs/benchmarks.md, B4).
 */
export function chainLengths(calls: readonly PlannedCall[]): number[] {
  const lengths = calls.map(() => 1);
  // `after` names earlier positions only: every call's own length is final when it is reached.
  for (let i = calls.length - 1; i >= 0; i -= 1) {
    for (const earlier of calls[i]!.after) {
      lengths[earlier] = Math.max(lengths[earlier]!, lengths[i]! + 1);
    }
  }
  return lengths;
}

/**
 * The calls in flight: at most `size`. A free slot goes to the waiting call with the longest
 * chain ahead of it (the earliest such call on a tie), so the channel with the most events is
 * never stuck behind calls that nothing waits for.
 */
class Slots {
  private free: number;
  private readonly waiting: { position: number; start: () => void }[] = [];

  constructor(
    size: number,
    private readonly chain: readonly number[],
  ) {
    this.free = size;
  }

  take(position: number): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    return new Promise((start) => this.waiting.push({ position, start }));
  }

  give(): void {
    if (this.waiting.length === 0) {
      this.free += 1;
      return;
    }
    let best = 0;
    for (let i = 1; i < this.waiting.length; i += 1) {
      const a = this.waiting[i]!.position;
      const b = this.waiting[best]!.position;
      if (this.chain[a]! > this.chain[b]! || (this.chain[a] === this.chain[b] && a < b)) best = i;
    }
    this.waiting.splice(best, 1)[0]!.start();
  }
}

function send(pusher: PusherPublisher, call: PlannedCall, timeoutMs: number): Promise<unknown> {
  const { request } = call;
  // Inside a promise: the SDK throws synchronously for a channel name it rejects.
  const response = Promise.resolve().then(() =>
    request.method === "trigger"
      ? pusher.trigger(request.channels, request.event, request.data)
      : pusher.triggerBatch(request.batch),
  );
  return pTimeout(response, {
    milliseconds: timeoutMs,
    // The error is made only when the time is up: with a `message`, p-timeout makes one (and
    // captures its stack) for every call, a visible share of a drain's CPU profile.
    fallback: () => {
      throw new TimeoutError(`no answer from the realtime server within ${timeoutMs} ms`);
    },
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
function describeSendError(error: unknown): SendError {
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
