// Prisma CLI configuration. The CLI runs its schema engine as wasm over a JS driver adapter
// (`engine: "js"`) so that migrate/status/diff work offline: the native schema engine would
// have to be downloaded from binaries.prisma.sh. The adapter and its workarounds live in
// prisma/adapter.ts.
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { schemaEngineAdapter } from "./prisma/adapter.ts";

// With a config file Prisma no longer reads .env itself; keep `.env` working for the CLI
// (process.loadEnvFile never overrides variables that are already set).
const envFile = path.join(import.meta.dirname, ".env");
if (existsSync(envFile)) process.loadEnvFile(envFile);

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  engine: "js",
  adapter: async () => schemaEngineAdapter(process.env.DATABASE_URL),
});
