import type { NextConfig } from "next";
import path from "node:path";

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

export default nextConfig;
