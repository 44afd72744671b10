// The development Pusher credentials: what `pnpm dev` runs with when nothing is configured, and
// what production refuses. Defined here once; web/env.ts imports it, soketi/src/config.ts and
// scripts/ import it by relative path.
// Why web/lib: the app (web/env.ts) is bundled by Next from web/ and must not depend on the
// launchers, while every other consumer runs from a full checkout: soketi/ is in no image
// (compose runs the official Soketi image) and the scripts that read these (dev launcher,
// realtime CLI) do not run in the migrate image, which lacks web/lib. No imports, so it is
// safe in the browser bundle, under tsx and in both tsconfigs.

/** Development app id, key and secret of the local Soketi (refused in production). */
export const DEV_PUSHER_CREDENTIALS = {
  appId: "livecampus",
  key: "livecampus-key",
  secret: "livecampus-secret",
} as const;
