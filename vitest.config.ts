import path from "node:path";
import { defineConfig } from "vitest/config";
import { REPO_ROOT, WEB_DIR } from "./scripts/lib/paths";

const alias = {
  "@": WEB_DIR,
  "server-only": path.join(REPO_ROOT, "tests/helpers/server-only.ts"),
};
const ignore = ["**/node_modules/**", "**/.next/**", "**/.next-test*/**", "**/.data/**"];

// Four projects: `unit` (fast, no services), `integration` (real PostgreSQL, Soketi and a built
// web server, started once by scripts/test.ts), `e2e` (the same stack in real Chromium) and
// `compose` (the docker compose stack, started by scripts/test-compose.ts).
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{web,soketi,scripts,prisma,tests}/**/*.test.{ts,tsx}"],
          exclude: [...ignore, "**/*.integration.test.*", "tests/e2e/**", "tests/compose/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{web,soketi,scripts,prisma,tests}/**/*.integration.test.{ts,tsx}"],
          exclude: [...ignore, "tests/e2e/**", "tests/compose/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Tests share one database and one Soketi; files run in parallel but use unique data.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          exclude: ignore,
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser scenario at a time: 2 cores drive Chromium, Next and Soketi.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // The real docker compose stack, started by scripts/test-compose.ts (pnpm test:compose).
          name: "compose",
          include: ["tests/compose/**/*.test.ts"],
          exclude: ignore,
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
