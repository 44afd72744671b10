import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import path from "node:path";
import { DEFAULT_LOCALE, LOCALES, LOCALE_HEADER, UNPREFIXED_PAGE_SOURCE } from "./i18n/locales";

// The request configuration (./i18n/request.ts), found from the working directory: run Next in web/.
const withNextIntl = createNextIntlPlugin();

const nextConfig: NextConfig = {
  // Tests build into their own folder (scripts/test.ts), so they never disturb `pnpm dev`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Standalone output keeps the production image small (web/Dockerfile sets NEXT_OUTPUT);
  // `pnpm build && pnpm start` uses the regular output that `next start` serves.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // The workspace root, so standalone tracing includes hoisted pnpm dependencies.
  outputFileTracingRoot: path.join(import.meta.dirname, ".."),
  // `next dev` serves its dev endpoints (HMR, server actions' refresh) to localhost only unless
  // told otherwise: without this, a page opened at 127.0.0.1 never becomes interactive. Keep in
  // step with DEV_HOSTS in scripts/lib/banner.ts, which tells developers which hosts work.
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pusher", "bcryptjs"],
  // Pages live under app/[locale]/. An unprefixed page path is served, without a redirect, in
  // the language proxy.ts chose for it (LOCALE_HEADER). A rewrite here, not in proxy.ts: Next
  // treats a proxy rewrite as external when it binds 127.0.0.1 (the proxy sees "localhost") and
  // would fetch the page from itself, over https behind a TLS proxy. Public files and app routes
  // like /icon.svg match before these (afterFiles), /api and /_next never.
  async rewrites() {
    return {
      beforeFiles: [],
      afterFiles: [
        ...LOCALES.map((locale) => ({
          source: UNPREFIXED_PAGE_SOURCE,
          has: [{ type: "header" as const, key: LOCALE_HEADER, value: locale }],
          destination: `/${locale}/:path`,
        })),
        // A request proxy.ts did not mark: English.
        { source: UNPREFIXED_PAGE_SOURCE, destination: `/${DEFAULT_LOCALE}/:path` },
      ],
      fallback: [],
    };
  },
  // On every response; pages also get a nonce-based CSP from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
