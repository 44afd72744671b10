import { existsSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./web";

/** Loads the root `.env` (if any) into process.env; real environment variables win. */
export function loadDotEnv(file = path.join(ROOT, ".env")): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
