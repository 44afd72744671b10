import "server-only";
import type Pusher from "pusher";
import { getServerEnv } from "@/env";
import { createPusherServer } from "./pusher-server";

const globalForPusher = globalThis as unknown as { livecampusPusher?: Pusher };

/** The app's one `pusher` SDK instance, built from the environment on first use. */
export function getPusherServer(): Pusher {
  if (!globalForPusher.livecampusPusher) {
    const env = getServerEnv();
    globalForPusher.livecampusPusher = createPusherServer({
      appId: env.PUSHER_APP_ID,
      key: env.PUSHER_KEY,
      secret: env.PUSHER_SECRET,
      host: env.PUSHER_HOST,
      port: env.PUSHER_PORT,
      useTLS: env.PUSHER_USE_TLS,
      cluster: env.PUSHER_CLUSTER,
      timeoutMs: env.PUSHER_TIMEOUT_MS,
    });
  }
  return globalForPusher.livecampusPusher;
}
