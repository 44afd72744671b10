const DEMO_ACCOUNTS = [
  ["admin@livecampus.test", "ADMIN"],
  ["teacher@livecampus.test", "TEACHER"],
  ["student@livecampus.test", "STUDENT"],
  ["student2@livecampus.test", "STUDENT"],
] as const;

/** One banner with the URLs and demo logins, printed once everything answers. */
export function printBanner(info: {
  webUrl: string;
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
    `  App        ${info.webUrl}`,
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
