import "server-only";
import { EnvError, getServerEnv } from "@/env";
import { getDispatcher } from "@/server/outbox";
import { startOnlineReconciler } from "@/server/realtime/online-reconcile";
import { stampPeerAddresses } from "@/server/client-address";
import { drainBeforeExit } from "@/server/shutdown";

/** How long a stopping server waits for its outbox pass in flight (Docker stops after 10 s). */
const OUTBOX_DRAIN_MS = 5000;

/**
 * Server start: refuse to run with a bad environment (production refuses the development
 * credentials and a missing AUTH_SECRET), stamp requests with their peer address (sign-in
 * throttling per address), then start the outbox sweeper so events left unsent by an earlier
 * run (Soketi down, a crash) are delivered, and the "online now" reconciler (Soketi never
 * retries a webhook).
 */
export async function startServer(): Promise<void> {
  try {
    const { REALTIME_PUBLISH } = getServerEnv();
    if (REALTIME_PUBLISH !== "outbox") {
      console.warn(
        `⚠ REALTIME_PUBLISH=${REALTIME_PUBLISH}: a benchmark mode (docs/operations.md); ` +
          (REALTIME_PUBLISH === "off"
            ? "no realtime events are stored or published"
            : "events are published inside requests without the outbox and lost when Soketi is unreachable"),
      );
    }
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n✖ LiveCampus cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await stampPeerAddresses();
  const dispatcher = getDispatcher();
  dispatcher.start();
  // A replica being stopped (docker stop, a rolling restart) sweeps no more, and exits only
  // once the pass in flight has marked what it sent: a pass cut short would leave its rows
  // leased for 30 s, then re-sent by another replica (twice, if Soketi had them already), with
  // every newer event on their channels waiting behind them.
  drainBeforeExit(() => dispatcher.idle(), {
    maxMs: OUTBOX_DRAIN_MS,
    onSignal: () => dispatcher.stop(),
  });
  startOnlineReconciler();
}
