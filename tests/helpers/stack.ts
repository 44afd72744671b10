// The services `pnpm test` (scripts/test.ts) started for this run, as seen from a test file.
export type TestStack = {
  databaseUrl: string;
  webUrl: string;
  /** Where the built app lives (for tests that start a second web server). */
  webDir: string;
  authSecret: string;
  soketi: {
    host: string;
    port: number;
    metricsPort: number;
    appId: string;
    key: string;
    secret: string;
  };
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
