import "server-only";
// GET /api/realtime/ready: a hint for clients that lost their realtime connection. A client can
// only guess when a restarting Pusher-protocol server is back (each guess is a connection
// attempt); the app can ask it cheaply, through the same signed HTTP API call the health check
// uses (every Pusher-compatible server answers it). Waiting requests share ONE probe loop, so a
// thousand waiting tabs cost one probe per interval, and each is answered only by a probe that
// started after it arrived (an answer from before the outage would send clients into a dead
// server).
import pTimeout from "p-timeout";
import { getPusherServer } from "@/server/realtime/pusher-instance";

const PROBE_INTERVAL_MS = 100;
const PROBE_TIMEOUT_MS = 1000;

type Waiter = { arrived: number; settle: (ready: boolean) => void };
const waiters = new Set<Waiter>();
let looping = false;

async function realtimeAnswers(): Promise<boolean> {
  try {
    const response = await pTimeout(getPusherServer().get({ path: "/channels" }), {
      milliseconds: PROBE_TIMEOUT_MS,
    });
    // Soketi answers a bad signature with 200 and an error body: only a channel list counts.
    const body = (await response.json()) as { channels?: unknown };
    return response.status === 200 && typeof body.channels === "object" && body.channels !== null;
  } catch {
    return false;
  }
}

async function probeLoop() {
  looping = true;
  try {
    while (waiters.size > 0) {
      const startedAt = Date.now();
      if (await realtimeAnswers()) {
        for (const waiter of [...waiters]) if (waiter.arrived <= startedAt) waiter.settle(true);
      }
      if (waiters.size > 0) await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
    }
  } finally {
    looping = false;
  }
}

/**
 * Resolves true as soon as a probe started after this call finds the realtime server answering,
 * or false after `maxWaitMs` (or when `signal` aborts: the client went away).
 */
export function waitForRealtime(maxWaitMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const waiter: Waiter = {
      arrived: Date.now(),
      settle(ready) {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        waiters.delete(waiter);
        resolve(ready);
      },
    };
    const onAbort = () => waiter.settle(false);
    const timer = setTimeout(() => waiter.settle(false), maxWaitMs);
    signal?.addEventListener("abort", onAbort);
    waiters.add(waiter);
    if (!looping) void probeLoop();
  });
}
