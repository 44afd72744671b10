// The services `pnpm test` (scripts/test.ts) started for this run, as seen from a test file, and
// the environment every web server of a test stack runs with.

/** Where a Soketi listens and the app credentials it accepts. */
export type SoketiEndpoint = {
  host: string;
  port: number;
  metricsPort: number;
  appId: string;
  key: string;
  secret: string;
};

export type TestStack = {
  databaseUrl: string;
  webUrl: string;
  /** Where the built app lives (for tests that start a second web server). */
  webDir: string;
  authSecret: string;
  soketi: SoketiEndpoint;
  chromium?: string;
  redisServer?: string;
};

export const STACK_ENV = "LIVECAMPUS_TEST_STACK";

/** The running stack; throws a clear message when the file is run outside `pnpm test`. */
export function getStack(): TestStack {
  const raw = process.env[STACK_ENV];
  if (!raw) {
    throw new Error(
      `${STACK_ENV} is not set: integration and e2e tests need the services started by \`pnpm test\` ` +
        `(scripts/test.ts). Run \`pnpm test\`, or \`pnpm test -- <filter>\` for a subset.`,
    );
  }
  return JSON.parse(raw) as TestStack;
}

/**
 * The environment of a test stack's web server (`next start`, production mode): its database,
 * its auth secret, and the Pusher-protocol server on 127.0.0.1:`pusherPort` that both the
 * server SDK and the browser use.
 */
export function webServerEnv(options: {
  databaseUrl: string;
  authSecret: string;
  credentials: Pick<SoketiEndpoint, "appId" | "key" | "secret">;
  pusherPort: number;
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: options.authSecret,
    AUTH_TRUST_HOST: "true",
    // Clients of the suite name their own address (tests/helpers/http.ts), so the per-address
    // sign-in throttle never couples unrelated tests that all run from 127.0.0.1.
    TRUST_PROXY: "true",
    PUSHER_APP_ID: options.credentials.appId,
    PUSHER_KEY: options.credentials.key,
    PUSHER_SECRET: options.credentials.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(options.pusherPort),
    PUSHER_USE_TLS: "false",
    NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1",
  };
}

/**
 * webServerEnv() of the running stack's own web server; a second server overrides its
 * database (its own outbox) or the port it publishes to (a dead one, a relay, its own Soketi).
 */
export function stackWebEnv(
  overrides: { databaseUrl?: string; pusherPort?: number } = {},
): Record<string, string> {
  const stack = getStack();
  return webServerEnv({
    databaseUrl: overrides.databaseUrl ?? stack.databaseUrl,
    authSecret: stack.authSecret,
    credentials: stack.soketi,
    pusherPort: overrides.pusherPort ?? stack.soketi.port,
  });
}
