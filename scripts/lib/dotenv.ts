import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths";

/** Loads the root `.env` (if any) into process.env; real environment variables win. */
export function loadDotEnv(file = path.join(REPO_ROOT, ".env")): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
