import "server-only";
import { EnvError, getServerEnv } from "@/env";
import { getDispatcher } from "@/server/outbox";
import { startOnlineReconciler } from "@/server/realtime/online-reconcile";
import { stampPeerAddresses } from "@/server/client-address";

/**
 * Server start: refuse to run with a bad environment (production refuses the development
 * credentials and a missing AUTH_SECRET), stamp requests with their peer address (sign-in
 * throttling per address), then start the outbox sweeper so events left unsent by an earlier
 * run (Soketi down, a crash) are delivered, and the "online now" reconciler (Soketi never
 * retries a webhook).
 */
export async function startServer(): Promise<void> {
  try {
    getServerEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n✖ LiveCampus cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await stampPeerAddresses();
  getDispatcher().start();
  startOnlineReconciler();
}
