// The development Pusher credentials: what `pnpm dev` runs with when nothing is configured, and
// what production refuses. Defined here once and imported by web/env.ts, soketi/src/config.ts
// and scripts/ (by relative path).
// Why web/lib: the web image's build stage copies the whole repository, but Turbopack resolves
// only what the app imports, and soketi/ and scripts/ run from a checkout (compose runs the
// official Soketi image), so they can reach into web/ while the app could not rely on them.
// No imports: it is safe in the browser bundle, in Node under tsx and in both tsconfigs.

/** Development app id, key and secret of the local Soketi (refused in production). */
export const DEV_PUSHER_CREDENTIALS = {
  appId: "livecampus",
  key: "livecampus-key",
  secret: "livecampus-secret",
} as const;
