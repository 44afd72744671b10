const DEMO_ACCOUNTS = [
  ["admin@livecampus.test", "ADMIN"],
  ["teacher@livecampus.test", "TEACHER"],
  ["student@livecampus.test", "STUDENT"],
  ["student2@livecampus.test", "STUDENT"],
] as const;

/** Hosts the dev server answers in full (web/next.config.ts `allowedDevOrigins`). */
const DEV_HOSTS = ["localhost", "127.0.0.1"] as const;

/**
 * The App line(s): under `next dev`, the URL on each host that works (others get a page that
 * never becomes interactive: Next refuses them its dev endpoints).
 */
export function appLines(webUrl: string, mode: "dev" | "start"): string[] {
  if (mode !== "dev") return [`  App        ${webUrl}`];
  const url = new URL(webUrl);
  const urls = DEV_HOSTS.map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`);
  return [
    `  App        ${urls.join("  or  ")}`,
    `             (the dev server answers only ${DEV_HOSTS.join(" and ")}: allowedDevOrigins`,
    "             in web/next.config.ts)",
  ];
}

/** One banner with the URLs and demo logins, printed once everything answers. */
export function printBanner(info: {
  webUrl: string;
  mode?: "dev" | "start";
  soketiUrl: string;
  metricsUrl?: string;
  databaseUrl: string;
  embedded: boolean;
  seconds: number;
  demoPassword?: string;
}) {
  const db = info.databaseUrl.replace(/:\/\/([^:@]+):[^@]*@/, "://$1:•••@");
  const lines = [
    `LiveCampus is up in ${info.seconds.toFixed(1)}s`,
    "",
    ...appLines(info.webUrl, info.mode ?? "start"),
    `  Health     ${info.webUrl}/api/health`,
    `  Soketi     ${info.soketiUrl}`,
    ...(info.metricsUrl ? [`  Metrics    ${info.metricsUrl}`] : []),
    `  Database   ${db}${info.embedded ? "  (embedded, data in .data/postgres)" : ""}`,
    "",
    ...(info.demoPassword
      ? [
          `  Demo logins (password: ${info.demoPassword})`,
          ...DEMO_ACCOUNTS.map(([email, role]) => `    ${email.padEnd(28)} ${role}`),
          "",
        ]
      : []),
    "  Ctrl-C stops everything.",
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const bar = "─".repeat(width);
  console.log(`\n┌${bar}┐`);
  for (const line of lines) console.log(`│ ${line.padEnd(width - 1)}│`);
  console.log(`└${bar}┘\n`);
}
